import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import { apiRequest } from './apiTestClient.ts';
import { startApiServer } from './startApiServer.ts';
import type { RunningApiServer } from './startApiServer.ts';

let cluster: Cluster;
let server: RunningApiServer;

beforeAll(async () => {
  cluster = createCluster({ seed: 7 });
  server = await startApiServer(cluster, { port: 0, authorize: (a) => (a.verb === 'delete' && a.resource === 'secrets' ? { allowed: false, reason: 'secrets are kept' } : { allowed: a.user.name !== 'system:anonymous' }) });
});

afterAll(async () => {
  await server.close();
  await cluster.stop();
});

describe('startApiServer', () => {
  it('should listen on 127.0.0.1 over HTTPS with a generated admin token', () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(server.certificateAuthority).toContain('BEGIN CERTIFICATE');
  });

  it('should refuse requests without a token or with a wrong one (401) but serve health and version to anyone', async () => {
    const none = await apiRequest(server, 'GET', '/api/v1/namespaces', { token: null });
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    expect((await apiRequest(server, 'GET', '/api', { token: 'nope' })).status).toBe(401);
    const health = await apiRequest(server, 'GET', '/readyz?verbose', { token: null });
    expect(health.status).toBe(200);
    expect(health.text).toContain('readyz check passed');
    const version = await apiRequest(server, 'GET', '/version', { token: null });
    expect(version.json).toMatchObject({ major: '1', minor: '30', gitVersion: 'v1.30.0-kubeactors' });
  });

  it('should answer legacy discovery documents', async () => {
    expect((await apiRequest(server, 'GET', '/api')).json).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = await apiRequest(server, 'GET', '/apis');
    expect(groups.json['kind']).toBe('APIGroupList');
    expect(groups.json['groups']).toContainEqual({ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } });
    const apps = await apiRequest(server, 'GET', '/apis/apps/v1');
    expect(apps.json['resources']).toContainEqual({ name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    expect((await apiRequest(server, 'GET', '/apis/nope.example.com/v1')).status).toBe(404);
  });

  it('should answer aggregated discovery v2 and v2beta1 with their content types', async () => {
    for (const v of ['v2', 'v2beta1']) {
      const accept = `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList,application/json`;
      const res = await apiRequest(server, 'GET', '/apis', { accept });
      expect(res.headers['content-type']).toBe(`application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`);
      expect(res.json['apiVersion']).toBe(`apidiscovery.k8s.io/${v}`);
      const apps = (res.json['items'] as { metadata: { name: string }; versions: { resources: { resource: string; shortNames?: string[]; subresources?: { subresource: string }[] }[] }[] }[]).find((i) => i.metadata.name === 'apps');
      const deployments = apps?.versions[0]?.resources.find((r) => r.resource === 'deployments');
      expect(deployments?.shortNames).toEqual(['deploy']);
      expect(deployments?.subresources?.map((s) => s.subresource)).toEqual(['status', 'scale']);
    }
    const core = await apiRequest(server, 'GET', '/api', { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' });
    expect((core.json['items'] as unknown[]).length).toBe(1);
  });

  it('should answer errors as Status objects with the right codes', async () => {
    const unknown = await apiRequest(server, 'GET', '/api/v1/nothings');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'the server could not find the requested resource' });
    expect((await apiRequest(server, 'GET', '/metrics')).status).toBe(404);
    expect((await apiRequest(server, 'PUT', '/api/v1/namespaces/default/configmaps', { body: {} })).status).toBe(405);
    expect((await apiRequest(server, 'POST', '/api', { body: {} })).status).toBe(405);
    const notAcceptable = await apiRequest(server, 'GET', '/api/v1/namespaces', { accept: 'application/vnd.kubernetes.protobuf' });
    expect(notAcceptable.status).toBe(406);
    const malformed = await apiRequest(server, 'POST', '/api/v1/namespaces/default/configmaps', { body: '{"kind": ', contentType: 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.json['message']).toMatch(/^couldn't get version\/kind; json parse error: /);
    const badYaml = await apiRequest(server, 'POST', '/api/v1/namespaces/default/configmaps', { body: 'a: [1,\n', contentType: 'application/yaml' });
    expect(badYaml.status).toBe(400);
    expect(badYaml.json['message']).toMatch(/^error converting YAML to JSON/);
    const big = await apiRequest(server, 'POST', '/api/v1/namespaces/default/configmaps', { body: Buffer.alloc(3 * 1024 * 1024 + 1, 'a'), contentType: 'application/json' });
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728' });
    const badPatch = await apiRequest(server, 'PATCH', '/api/v1/namespaces/default', { body: '{}', contentType: 'text/plain' });
    expect(badPatch.status).toBe(415);
    expect((await apiRequest(server, 'POST', '/api/v1/namespaces/default/configmaps', { body: '\x0a\x02v1', contentType: 'application/vnd.kubernetes.protobuf' })).status).toBe(415);
  });

  it('should refuse what the authorizer refuses with kube-apiserver\'s 403 message, and answer access reviews through it', async () => {
    await apiRequest(server, 'POST', '/api/v1/namespaces/default/secrets', { body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } } });
    const denied = await apiRequest(server, 'DELETE', '/api/v1/namespaces/default/secrets/s');
    expect(denied.status).toBe(403);
    expect(denied.json['message']).toBe('secrets "s" is forbidden: User "kubeactors-admin" cannot delete resource "secrets" in API group "" in the namespace "default": secrets are kept');
    const review = (verb: string): Promise<{ json: Record<string, unknown> }> =>
      apiRequest(server, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb, resource: 'secrets', namespace: 'default' } } } });
    expect((await review('delete')).json['status']).toEqual({ allowed: false, denied: true, reason: 'secrets are kept' });
    expect((await review('get')).json['status']).toEqual({ allowed: true });
    const whoami = await apiRequest(server, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    expect(whoami.json['status']).toEqual({ userInfo: { username: 'kubeactors-admin', groups: ['system:masters', 'system:authenticated'] } });
  });

  it('should serve OpenAPI v3: an index with hashed URLs and per group-version documents kubectl can read', async () => {
    const index = await apiRequest(server, 'GET', '/openapi/v3');
    const paths = index.json['paths'] as Record<string, { serverRelativeURL: string }>;
    expect(paths['apis/apps/v1']?.serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
    const doc = await apiRequest(server, 'GET', paths['apis/apps/v1']?.serverRelativeURL ?? '');
    const patch = (doc.json['paths'] as Record<string, Record<string, Record<string, unknown>>>)['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']?.['patch'];
    expect(patch?.['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect((patch?.['parameters'] as { name: string }[]).map((p) => p.name)).toEqual(['dryRun', 'fieldManager', 'fieldValidation', 'force']);
    expect(Object.keys((patch?.['requestBody'] as { content: object }).content)).toContain('application/strategic-merge-patch+json');
    expect(Object.keys((doc.json['components'] as { schemas: object }).schemas)).toContain('io.k8s.api.apps.v1.Deployment');
    expect((await apiRequest(server, 'GET', '/openapi/v3/apis/nope/v1')).status).toBe(404);
  });
});

describe('startApiServer options', () => {
  it('should serve plain HTTP to the anonymous user when asked to', async () => {
    const open = await startApiServer(cluster, { port: 0, tls: false, allowAnonymous: true, token: 'fixed' });
    try {
      expect(open.url).toMatch(/^http:\/\//);
      expect(open.token).toBe('fixed');
      const res = await apiRequest(open, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { token: null, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
      expect(res.json['status']).toEqual({ userInfo: { username: 'system:anonymous', groups: ['system:unauthenticated'] } });
    } finally {
      await open.close();
    }
  });
});

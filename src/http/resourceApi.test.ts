import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import { apiRequest, streamText, watchRequest } from './apiTestClient.ts';
import { startApiServer } from './startApiServer.ts';
import type { RunningApiServer } from './startApiServer.ts';

let cluster: Cluster;
let server: RunningApiServer;
const CM = '/api/v1/namespaces/default/configmaps';
const followed: string[] = ['first\n'];

function configMap(name: string, labels: Record<string, string> = {}, data: Record<string, string> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data };
}

beforeAll(async () => {
  // A virtual clock that never moves: no controller acts, so every answer comes from the request alone.
  cluster = createCluster({ seed: 3 });
  server = await startApiServer(cluster, { port: 0, logs: (r) => (r.pod === 'followed' ? followed.join('') : `log of ${r.namespace}/${r.pod}/${r.container ?? ''} tail=${r.tailLines ?? '-'}\n`) });
});

afterAll(async () => {
  await server.close();
  await cluster.stop();
});

describe('resource API over HTTP', () => {
  it('should create (201), read, update with optimistic concurrency (409 when stale) and patch', async () => {
    const created = await apiRequest(server, 'POST', CM, { body: configMap('one', { app: 'a' }, { k: 'v' }) });
    expect(created.status).toBe(201);
    const rv = (created.json['metadata'] as { resourceVersion: string }).resourceVersion;
    expect((await apiRequest(server, 'GET', `${CM}/one`)).json['data']).toEqual({ k: 'v' });
    const stale = await apiRequest(server, 'PUT', `${CM}/one`, { body: { ...configMap('one', {}, { k: 'w' }), metadata: { name: 'one', resourceVersion: String(Number(rv) - 1) } } });
    expect(stale.status).toBe(409);
    expect(stale.json['message']).toBe('Operation cannot be fulfilled on configmaps "one": the object has been modified; please apply your changes to the latest version and try again');
    expect((await apiRequest(server, 'PUT', `${CM}/one`, { body: { ...configMap('one', { app: 'a' }, { k: 'w' }), metadata: { name: 'one', labels: { app: 'a' }, resourceVersion: rv } } })).status).toBe(200);
    const merged = await apiRequest(server, 'PATCH', `${CM}/one`, { body: '{"data":{"x":"1"}}', contentType: 'application/merge-patch+json' });
    expect(merged.json['data']).toEqual({ k: 'w', x: '1' });
    const json = await apiRequest(server, 'PATCH', `${CM}/one`, { body: '[{"op":"remove","path":"/data/k"}]', contentType: 'application/json-patch+json' });
    expect(json.json['data']).toEqual({ x: '1' });
    const strategic = await apiRequest(server, 'PATCH', `${CM}/one`, { body: '{"metadata":{"labels":{"b":"2"}}}', contentType: 'application/strategic-merge-patch+json' });
    expect((strategic.json['metadata'] as { labels: object }).labels).toEqual({ app: 'a', b: '2' });
    expect((await apiRequest(server, 'PUT', `${CM}/two`, { body: configMap('two') })).status).toBe(404);
    expect((await apiRequest(server, 'PUT', `${CM}/one`, { body: configMap('other') })).status).toBe(400);
  });

  it('should create from YAML, honour dryRun=All and record field managers', async () => {
    const yaml = await apiRequest(server, 'POST', `${CM}?fieldManager=tester`, { body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  a: b\n', contentType: 'application/yaml' });
    expect(yaml.status).toBe(201);
    expect((yaml.json['metadata'] as { managedFields: unknown[] }).managedFields).toEqual([{ manager: 'tester', operation: 'Update', apiVersion: 'v1', time: expect.any(String), fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } }]);
    const dry = await apiRequest(server, 'POST', `${CM}?dryRun=All`, { body: configMap('dry') });
    expect(dry.status).toBe(201);
    expect((await apiRequest(server, 'GET', `${CM}/dry`)).status).toBe(404);
    expect((await apiRequest(server, 'POST', `${CM}?dryRun=Some`, { body: configMap('dry') })).status).toBe(400);
  });

  it('should list with selectors, limit and continue, and as a Table', async () => {
    for (const [n, tier] of [['l1', 'web'], ['l2', 'db'], ['l3', 'cache']] as const) await apiRequest(server, 'POST', CM, { body: configMap(n, { group: 'list', tier }) });
    const names = (r: { json: Record<string, unknown> }): string[] => (r.json['items'] as { metadata: { name: string } }[]).map((i) => i.metadata.name);
    expect(names(await apiRequest(server, 'GET', `${CM}?labelSelector=${encodeURIComponent('group=list,tier in (web,db)')}`))).toEqual(['l1', 'l2']);
    expect(names(await apiRequest(server, 'GET', `${CM}?fieldSelector=metadata.name%3Dl3`))).toEqual(['l3']);
    const page1 = await apiRequest(server, 'GET', `${CM}?labelSelector=group%3Dlist&limit=2`);
    const meta = page1.json['metadata'] as { continue: string; remainingItemCount: number };
    expect([names(page1), meta.remainingItemCount]).toEqual([['l1', 'l2'], 1]);
    expect(names(await apiRequest(server, 'GET', `${CM}?labelSelector=group%3Dlist&limit=2&continue=${meta.continue}`))).toEqual(['l3']);
    const table = await apiRequest(server, 'GET', `${CM}?labelSelector=group%3Dlist`, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    expect(table.json['kind']).toBe('Table');
    expect((table.json['columnDefinitions'] as { name: string }[]).map((c) => c.name)).toEqual(['Name', 'Data', 'Age']);
    expect((table.json['rows'] as { cells: unknown[]; object: { kind: string } }[]).map((r) => [r.cells[0], r.object.kind])).toEqual([['l1', 'PartialObjectMetadata'], ['l2', 'PartialObjectMetadata'], ['l3', 'PartialObjectMetadata']]);
  });

  it('should stream watch events, end with an ERROR 410 event when the watch expires, and end at timeoutSeconds', async () => {
    const rv = ((await apiRequest(server, 'GET', CM)).json['metadata'] as { resourceVersion: string }).resourceVersion;
    const watch = watchRequest(server, `${CM}?watch=true&resourceVersion=${rv}&labelSelector=w%3D1`);
    expect(await watch.status).toBe(200);
    await apiRequest(server, 'POST', CM, { body: configMap('w1', { w: '1' }) });
    await apiRequest(server, 'POST', CM, { body: configMap('w2', { w: '0' }) });
    await apiRequest(server, 'PATCH', `${CM}/w1`, { body: '{"data":{"a":"b"}}', contentType: 'application/merge-patch+json' });
    await apiRequest(server, 'DELETE', `${CM}/w1`);
    await watch.next(3);
    expect(watch.events.map((e) => [e.type, (e.object['metadata'] as { name: string }).name])).toEqual([['ADDED', 'w1'], ['MODIFIED', 'w1'], ['DELETED', 'w1']]);
    cluster.api.expireWatches({ apiVersion: 'v1', kind: 'ConfigMap' });
    await watch.next(4);
    await watch.ended;
    expect(watch.events[3]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    const short = watchRequest(server, `${CM}?watch=1&timeoutSeconds=1`);
    await short.ended;
    expect(short.events.every((e) => e.type === 'ADDED')).toBe(true);
  });

  it('should list at an exact past resourceVersion and start watches with initial events and a bookmark', async () => {
    const created = await apiRequest(server, 'POST', CM, { body: configMap('past', { when: 'then' }, { v: 'old' }) });
    const rv = (created.json['metadata'] as { resourceVersion: string }).resourceVersion;
    await apiRequest(server, 'PATCH', `${CM}/past`, { body: '{"data":{"v":"new"}}', contentType: 'application/merge-patch+json' });
    const then = await apiRequest(server, 'GET', `${CM}?labelSelector=when%3Dthen&resourceVersion=${rv}&resourceVersionMatch=Exact`);
    expect((then.json['items'] as { data: object }[]).map((i) => i.data)).toEqual([{ v: 'old' }]);
    expect((await apiRequest(server, 'GET', `${CM}?resourceVersionMatch=Exact`)).status).toBe(400);
    const watch = watchRequest(server, `${CM}?watch=true&labelSelector=when%3Dthen&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`);
    await watch.next(2);
    watch.close();
    expect(watch.events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    expect(watch.events[1]?.object['metadata']).toMatchObject({ annotations: { 'k8s.io/initial-events-end': 'true' } });
  });

  it('should delete with the propagation policy of the query or the DeleteOptions body', async () => {
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { replicas: 0, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } };
    const RS = '/apis/apps/v1/namespaces/default/replicasets';
    await apiRequest(server, 'POST', RS, { body: rs });
    const byBody = await apiRequest(server, 'DELETE', `${RS}/rs?propagationPolicy=Foreground`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Orphan' } });
    expect(byBody.status).toBe(200);
    expect((byBody.json['metadata'] as { finalizers: string[] }).finalizers).toEqual(['orphan']);
    await apiRequest(server, 'POST', CM, { body: configMap('gone') });
    const done = await apiRequest(server, 'DELETE', `${CM}/gone?propagationPolicy=Background`);
    expect(done.json).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'gone', kind: 'configmaps' } });
    expect((await apiRequest(server, 'DELETE', `${CM}/gone`)).status).toBe(404);
    expect((await apiRequest(server, 'DELETE', `${CM}/x?propagationPolicy=Sometimes`)).status).toBe(422);
  });

  it('should apply server-side: create, conflict with another manager (409), take over with force', async () => {
    const apply = (manager: string, data: Record<string, string>, force = false): Promise<{ status: number; json: Record<string, unknown> }> =>
      apiRequest(server, 'PATCH', `${CM}/ssa?fieldManager=${manager}${force ? '&force=true' : ''}`, { body: JSON.stringify(configMap('ssa', {}, data)), contentType: 'application/apply-patch+yaml' });
    expect((await apply('alice', { a: '1' })).status).toBe(201);
    expect((await apply('bob', { a: '1', b: '2' })).status).toBe(200);
    const clash = await apply('bob', { a: '9' });
    expect(clash.status).toBe(409);
    expect(clash.json['message']).toBe('Apply failed with 1 conflict: conflict with "alice": .data.a');
    const forced = await apply('bob', { a: '9' }, true);
    expect(forced.json['data']).toEqual({ a: '9' });
    const noManager = await apiRequest(server, 'PATCH', `${CM}/ssa`, { body: JSON.stringify(configMap('ssa')), contentType: 'application/apply-patch+yaml' });
    expect(noManager.status).toBe(422);
  });

  it('should validate fields: Strict refuses unknown fields, Warn answers Warning headers', async () => {
    const strict = await apiRequest(server, 'POST', `${CM}?fieldValidation=Strict`, { body: { ...configMap('v'), datta: {} } });
    expect(strict.status).toBe(400);
    expect(strict.json['message']).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "datta"');
    const warn = await apiRequest(server, 'POST', `${CM}?fieldValidation=Warn`, { body: { ...configMap('v'), datta: {} } });
    expect(warn.status).toBe(201);
    expect(warn.headers['warning']).toBe('299 - "unknown field \\"datta\\""');
  });

  it('should serve status, scale, binding, eviction, finalize and log subresources', async () => {
    const PODS = '/api/v1/namespaces/default/pods';
    await apiRequest(server, 'POST', PODS, { body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } } });
    const status = await apiRequest(server, 'PATCH', `${PODS}/p/status`, { body: '{"status":{"conditions":[{"type":"Ready","status":"True"}]}}', contentType: 'application/merge-patch+json' });
    expect((status.json['status'] as { conditions: unknown[] }).conditions).toEqual([{ type: 'Ready', status: 'True' }]);
    const bound = await apiRequest(server, 'POST', `${PODS}/p/binding`, { body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { kind: 'Node', name: 'n1' } } });
    expect(bound.json).toMatchObject({ kind: 'Status', status: 'Success', code: 201 });
    expect(((await apiRequest(server, 'GET', `${PODS}/p`)).json['spec'] as { nodeName: string }).nodeName).toBe('n1');
    expect((await apiRequest(server, 'GET', `${PODS}/p/log?tailLines=3`)).text).toBe('log of default/p/c tail=3\n');
    const evicted = await apiRequest(server, 'POST', `${PODS}/p/eviction`, { body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'p' }, deleteOptions: { gracePeriodSeconds: 0 } } });
    expect(evicted.status).toBe(201);
    const RC = '/api/v1/namespaces/default/replicationcontrollers';
    await apiRequest(server, 'POST', RC, { body: { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { replicas: 1, selector: { a: 'b' }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } } });
    const scaled = await apiRequest(server, 'PATCH', `${RC}/rc/scale`, { body: '{"spec":{"replicas":4}}', contentType: 'application/merge-patch+json' });
    expect(scaled.json).toMatchObject({ kind: 'Scale', spec: { replicas: 4 }, status: { selector: 'a=b' } });
    expect(((await apiRequest(server, 'GET', `${RC}/rc`)).json['spec'] as { replicas: number }).replicas).toBe(4);
    await apiRequest(server, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fin' } } });
    const fin = await apiRequest(server, 'PUT', '/api/v1/namespaces/fin/finalize', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fin' }, spec: { finalizers: [] } } });
    expect(fin.json['spec']).toEqual({ finalizers: [] });
    expect((await apiRequest(server, 'POST', `${PODS}/p/exec?command=ls`)).json).toMatchObject({ code: 404, message: 'the server could not find the requested resource: the pods/exec subresource is not served by kubeactors' });
  });

  it('should stream new log lines with follow=true until the client hangs up', async () => {
    await apiRequest(server, 'POST', '/api/v1/namespaces/default/pods', { body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'followed' }, spec: { containers: [{ name: 'c', image: 'i' }] } } });
    const stream = streamText(server, '/api/v1/namespaces/default/pods/followed/log?follow=true');
    const until = async (want: string): Promise<void> => {
      for (let i = 0; i < 100 && stream.received() !== want; i++) await new Promise((r) => setTimeout(r, 50));
    };
    await until('first\n');
    followed.push('second\n', 'third\n');
    await until('first\nsecond\nthird\n');
    stream.close();
    expect(stream.received()).toBe('first\nsecond\nthird\n');
  });
});

import type { ResourceInfo } from '../api/resourceInfo.ts';
import { apiVersionOf } from '../api/resourceInfo.ts';
import { badRequest, methodNotAllowed } from '../api/status.ts';
import type { WriteOptions } from '../apiserver/requestOptions.ts';
import type { AuthorizationAttributes, UserInfo } from './auth.ts';
import type { ResponseEncoding } from './mediaTypes.ts';
import { decodeObject, readBody } from './readBody.ts';
import { sendObject } from './respond.ts';
import type { RequestScope, ServerContext } from './serverContext.ts';
import { bindingTarget } from './subresourceRequests.ts';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

function attributesOf(user: UserInfo, spec: Record<string, unknown>, namespace?: string): AuthorizationAttributes {
  const ra = spec['resourceAttributes'] as ResourceAttributes | undefined;
  const nra = spec['nonResourceAttributes'] as { path?: string; verb?: string } | undefined;
  if (ra !== undefined) {
    return { user, verb: ra.verb ?? '', group: ra.group ?? '', resource: ra.resource ?? '', subresource: ra.subresource || undefined, namespace: namespace ?? (ra.namespace || undefined), name: ra.name || undefined };
  }
  if (nra !== undefined) return { user, verb: nra.verb ?? '', path: nra.path ?? '' };
  throw badRequest('exactly one of nonResourceAttributes or resourceAttributes must be specified');
}

function reviewed(ctx: ServerContext, attrs: AuthorizationAttributes): Record<string, unknown> {
  const decision = ctx.authorize(attrs);
  return { allowed: decision.allowed, ...(decision.allowed ? {} : { denied: true }), ...(decision.reason ? { reason: decision.reason } : {}) };
}

/** The kinds served without storage: access and token reviews, and Binding as a collection POST. */
export const REVIEW_KINDS: ReadonlySet<string> = new Set([
  '/Binding',
  'authorization.k8s.io/SelfSubjectAccessReview',
  'authorization.k8s.io/LocalSubjectAccessReview',
  'authorization.k8s.io/SubjectAccessReview',
  'authorization.k8s.io/SelfSubjectRulesReview',
  'authentication.k8s.io/SelfSubjectReview',
  'authentication.k8s.io/TokenReview',
]);

/**
 * POST of a kind that is computed, not stored: SelfSubjectAccessReview (what `kubectl auth can-i`
 * sends) and the other access reviews go through the authorizer; SelfSubjectRulesReview lists
 * everything for an authorizer that allows everything; SelfSubjectReview (`kubectl auth whoami`)
 * and TokenReview report users; Binding binds a pod.
 */
export async function serveReview(ctx: ServerContext, scope: RequestScope, info: ResourceInfo, namespace: string | undefined, encoding: ResponseEncoding, options: WriteOptions): Promise<void> {
  const body = decodeObject(await readBody(scope.req), scope.req.headers['content-type']);
  const spec = (body['spec'] as Record<string, unknown> | undefined) ?? {};
  const base = { ...body, apiVersion: apiVersionOf(info), kind: info.kind, metadata: { ...(body['metadata'] as object | undefined), creationTimestamp: null } };
  const user = scope.user;
  switch (info.kind) {
    case 'Binding': {
      const name = (body['metadata'] as { name?: string } | undefined)?.name ?? '';
      ctx.api.bind(namespace ?? 'default', name, bindingTarget(body), options);
      sendObject(scope.res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }, encoding);
      return;
    }
    case 'SelfSubjectAccessReview':
      sendObject(scope.res, 201, { ...base, status: reviewed(ctx, attributesOf(user, spec)) }, encoding);
      return;
    case 'LocalSubjectAccessReview':
    case 'SubjectAccessReview': {
      const subject: UserInfo = { name: typeof spec['user'] === 'string' ? spec['user'] : '', groups: Array.isArray(spec['groups']) ? (spec['groups'] as string[]) : [] };
      sendObject(scope.res, 201, { ...base, status: reviewed(ctx, attributesOf(subject, spec, info.kind === 'LocalSubjectAccessReview' ? namespace : undefined)) }, encoding);
      return;
    }
    case 'SelfSubjectRulesReview': {
      const all = ctx.authorize({ user, verb: '*', group: '*', resource: '*', namespace: typeof spec['namespace'] === 'string' ? spec['namespace'] : undefined }).allowed;
      const status = all
        ? { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false }
        : { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: 'the authorizer cannot list rules; ask with SelfSubjectAccessReview' };
      sendObject(scope.res, 201, { ...base, status }, encoding);
      return;
    }
    case 'SelfSubjectReview':
      sendObject(scope.res, 201, { ...base, status: { userInfo: { username: user.name, groups: [...user.groups], ...(user.uid !== undefined ? { uid: user.uid } : {}) } } }, encoding);
      return;
    case 'TokenReview': {
      const token = typeof spec['token'] === 'string' ? spec['token'] : '';
      const found = ctx.tokens.get(token);
      const status = found === undefined ? { authenticated: false, error: 'invalid bearer token' } : { authenticated: true, user: { username: found.name, groups: [...found.groups] } };
      sendObject(scope.res, 201, { ...base, status }, encoding);
      return;
    }
    default:
      throw methodNotAllowed();
  }
}

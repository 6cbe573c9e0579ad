import type { IncomingMessage } from 'node:http';
import { forbidden, StatusError } from '../api/status.ts';

/** Who made a request (kube-apiserver's `user.Info`). */
export interface UserInfo {
  readonly name: string;
  readonly uid?: string;
  readonly groups: readonly string[];
}

/** What is asked (kube-apiserver's `authorizer.Attributes`): a resource request, or a non-resource path. */
export interface AuthorizationAttributes {
  readonly user: UserInfo;
  /** `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection` (or `*` in reviews). */
  readonly verb: string;
  readonly group?: string | undefined;
  readonly resource?: string | undefined;
  readonly subresource?: string | undefined;
  readonly namespace?: string | undefined;
  readonly name?: string | undefined;
  /** Set (and `resource` unset) for non-resource requests such as `/healthz`. */
  readonly path?: string | undefined;
}

/** An authorizer's answer; `reason` is appended to the 403 message and shown by `kubectl auth can-i`. */
export interface AuthorizationDecision {
  readonly allowed: boolean;
  readonly reason?: string;
}

/**
 * The authorization hook (where RBAC plugs in): called for every request after authentication and
 * for every SelfSubjectAccessReview. The default allows every authenticated user. Creating the self
 * reviews (access, rules, whoami) is always allowed to authenticated users, as RBAC's system:basic-user.
 * @public
 */
export type Authorizer = (attributes: AuthorizationAttributes) => AuthorizationDecision;

/** The user of requests without credentials when anonymous access is on. */
export const ANONYMOUS_USER: UserInfo = Object.freeze({ name: 'system:anonymous', groups: Object.freeze(['system:unauthenticated']) });

/** Allows everything (the default when anonymous access is on). */
export const allowAll: Authorizer = () => ({ allowed: true });

/** Allows anyone but the anonymous user. */
export const allowAuthenticated: Authorizer = (a) => (a.user.groups.includes('system:unauthenticated') ? { allowed: false, reason: 'anonymous access is not authorized' } : { allowed: true });

/** The answer of {@link authenticate}: a user, or the 401 to send. */
export type AuthenticationResult = { readonly user: UserInfo } | { readonly error: StatusError };

function unauthorized(): StatusError {
  return new StatusError(401, 'Unauthorized', 'Unauthorized');
}

/**
 * Bearer-token authentication: a known token names its user; a request without credentials is the
 * anonymous user when `allowAnonymous`, else refused, as is an unknown token (401 Unauthorized).
 */
export function authenticate(req: IncomingMessage, tokens: ReadonlyMap<string, UserInfo>, allowAnonymous: boolean): AuthenticationResult {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') return allowAnonymous ? { user: ANONYMOUS_USER } : { error: unauthorized() };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const user = match?.[1] === undefined ? undefined : tokens.get(match[1]);
  return user === undefined ? { error: unauthorized() } : { user };
}

/** kube-apiserver's wording of a refusal (`User "x" cannot list resource "pods" in API group "" in the namespace "default"`). */
export function forbiddenMessage(a: AuthorizationAttributes): string {
  if (a.resource === undefined) return `User ${JSON.stringify(a.user.name)} cannot ${a.verb} path ${JSON.stringify(a.path ?? '')}`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `User ${JSON.stringify(a.user.name)} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.group ?? '')} ${where}`;
}

/** Runs the authorizer; throws the 403 kube-apiserver sends when it says no. */
export function requireAuthorized(authorize: Authorizer, a: AuthorizationAttributes): void {
  const decision = authorize(a);
  if (decision.allowed) return;
  const why = forbiddenMessage(a) + (decision.reason ? `: ${decision.reason}` : '');
  if (a.resource === undefined) throw new StatusError(403, 'Forbidden', `forbidden: ${why}`);
  throw forbidden(a.resource, a.name ?? '', why, a.group);
}

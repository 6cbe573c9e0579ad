import type { ResourceInfo } from '../../api/resourceInfo.ts';
import { supportsStrategicMergePatch } from '../../api/patch/patchStrategies.ts';
import { apiVersionOf } from '../../api/resourceInfo.ts';
import { servedSubresources } from '../discovery.ts';
import type { Schema } from './kubernetesSchemas.ts';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

function ref(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

function query(name: string, description: string, type = 'string'): Schema {
  return { name, in: 'query', description, schema: { type, uniqueItems: true } };
}

const DRY_RUN = query('dryRun', 'When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed');
const FIELD_MANAGER = query('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.');
const FIELD_VALIDATION = query('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict');
const FORCE = query('force', 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people.', 'boolean');
const LIST_PARAMS = [
  query('labelSelector', 'A selector to restrict the list of returned objects by their labels. Defaults to everything.'),
  query('fieldSelector', 'A selector to restrict the list of returned objects by their fields. Defaults to everything.'),
  query('limit', 'limit is a maximum number of responses to return for a list call.', 'integer'),
  query('continue', 'The continue option should be set when retrieving more results from the server.'),
  query('resourceVersion', 'resourceVersion sets a constraint on what resource versions a request may be served from.'),
  query('resourceVersionMatch', 'resourceVersionMatch determines how resourceVersion is applied to list calls.'),
  query('watch', 'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.', 'boolean'),
  query('allowWatchBookmarks', 'allowWatchBookmarks requests watch events with type "BOOKMARK".', 'boolean'),
  query('sendInitialEvents', 'sendInitialEvents=true may be set together with watch=true.', 'boolean'),
  query('timeoutSeconds', 'Timeout for the list/watch call.', 'integer'),
];
const DELETE_PARAMS = [DRY_RUN, query('gracePeriodSeconds', 'The duration in seconds before the object should be deleted.', 'integer'), query('propagationPolicy', 'Whether and how garbage collection will be performed.')];

function ok(schema: Schema, description = 'OK'): Schema {
  return { description, content: { 'application/json': { schema }, 'application/yaml': { schema } } };
}

interface OperationSpec {
  readonly action: string;
  readonly verb: string;
  readonly params: readonly Schema[];
  readonly response: string;
  readonly body?: Record<string, Schema>;
  readonly kind: ResourceInfo;
  readonly gvk: { group: string; version: string; kind: string };
  readonly sub?: string;
}

function operation(info: ResourceInfo, o: OperationSpec): Schema {
  const what = `${o.sub !== undefined ? `${o.sub} of ` : ''}the specified ${info.kind}`;
  return {
    tags: [info.group === '' ? `core_${info.version}` : `${info.group}_${info.version}`],
    description: `${o.verb} ${what}`,
    operationId: `${o.action}${info.kind}${o.sub ?? ''}`,
    parameters: [...o.params],
    ...(o.body !== undefined ? { requestBody: { content: o.body, required: true } } : {}),
    responses: { '200': ok(ref(o.response)), '401': { description: 'Unauthorized' } },
    'x-kubernetes-action': o.action,
    'x-kubernetes-group-version-kind': o.gvk,
  };
}

function bodyOf(schema: Schema): Record<string, Schema> {
  return { '*/*': { schema } };
}

function patchBody(info: ResourceInfo): Record<string, Schema> {
  const patch = { schema: ref(`${META}.Patch`) };
  const types: Record<string, Schema> = { 'application/json-patch+json': patch, 'application/merge-patch+json': patch };
  if (supportsStrategicMergePatch({ apiVersion: apiVersionOf(info), kind: info.kind })) types['application/strategic-merge-patch+json'] = patch;
  types['application/apply-patch+yaml'] = patch;
  return types;
}

/**
 * The OpenAPI paths of one resource: the collection (in a namespace, and across namespaces), the
 * object, and its subresources. Every operation names its kind (`x-kubernetes-group-version-kind`)
 * and PATCH lists the query parameters and patch types served, which is what kubectl reads to decide
 * on server-side field validation and strategic merge patches.
 */
export function resourcePaths(info: ResourceInfo, schemaName: string, listName: string): Record<string, Schema> {
  const prefix = info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
  const gvk = { group: info.group, version: info.version, kind: info.kind };
  const name = { name: 'name', in: 'path', description: `name of the ${info.kind}`, required: true, schema: { type: 'string', uniqueItems: true } };
  const ns = { name: 'namespace', in: 'path', description: 'object name and auth scope, such as for teams and projects', required: true, schema: { type: 'string', uniqueItems: true } };
  const scope = info.namespaced ? [ns] : [];
  const base = info.namespaced ? `${prefix}/namespaces/{namespace}/${info.plural}` : `${prefix}/${info.plural}`;
  const op = (o: Omit<OperationSpec, 'kind' | 'gvk'>): Schema => operation(info, { ...o, kind: info, gvk });
  const verbs = new Set<string>(info.verbs);
  const paths: Record<string, Schema> = {};
  const collection: Schema = { parameters: scope };
  if (verbs.has('list')) collection['get'] = op({ action: 'list', verb: 'list or watch objects of kind', params: LIST_PARAMS, response: listName });
  if (verbs.has('create')) collection['post'] = op({ action: 'post', verb: 'create', params: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], response: schemaName, body: bodyOf(ref(schemaName)) });
  if (verbs.has('deletecollection')) collection['delete'] = op({ action: 'deletecollection', verb: 'delete collection of', params: [...DELETE_PARAMS, ...LIST_PARAMS.slice(0, 5)], response: `${META}.Status` });
  paths[base] = collection;
  if (info.stored) {
    const item: Schema = { parameters: [name, ...scope] };
    if (verbs.has('get')) item['get'] = op({ action: 'get', verb: 'read', params: [], response: schemaName });
    if (verbs.has('update')) item['put'] = op({ action: 'put', verb: 'replace', params: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], response: schemaName, body: bodyOf(ref(schemaName)) });
    if (verbs.has('patch')) item['patch'] = op({ action: 'patch', verb: 'partially update', params: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE], response: schemaName, body: patchBody(info) });
    if (verbs.has('delete')) item['delete'] = op({ action: 'delete', verb: 'delete', params: DELETE_PARAMS, response: `${META}.Status` });
    paths[`${base}/{name}`] = item;
  }
  if (info.namespaced && verbs.has('list')) paths[`${prefix}/${info.plural}`] = { get: op({ action: 'list', verb: 'list or watch objects of kind', params: LIST_PARAMS, response: listName }) };
  for (const s of servedSubresources(info)) {
    const p: Schema = { parameters: [name, ...scope] };
    const sub = s.name.charAt(0).toUpperCase() + s.name.slice(1);
    const response = s.kind === info.kind ? schemaName : s.kind === 'Scale' ? 'io.k8s.api.autoscaling.v1.Scale' : s.kind === 'Eviction' ? 'io.k8s.api.policy.v1.Eviction' : `${META}.Status`;
    const subGvk = { group: s.group, version: s.version, kind: s.kind };
    const subOp = (o: Omit<OperationSpec, 'kind' | 'gvk' | 'sub'>): Schema => operation(info, { ...o, kind: info, gvk: subGvk, sub });
    if (s.verbs.includes('get')) p['get'] = subOp({ action: 'get', verb: 'read', params: [], response: s.name === 'log' ? `${META}.Status` : response });
    if (s.verbs.includes('update')) p['put'] = subOp({ action: 'put', verb: 'replace', params: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], response, body: bodyOf(ref(response)) });
    if (s.verbs.includes('patch')) p['patch'] = subOp({ action: 'patch', verb: 'partially update', params: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE], response, body: patchBody(info) });
    if (s.verbs.includes('create')) p['post'] = subOp({ action: 'post', verb: 'create', params: [DRY_RUN, FIELD_MANAGER], response, body: bodyOf(ref(response)) });
    paths[`${base}/{name}/${s.name}`] = p;
  }
  return paths;
}

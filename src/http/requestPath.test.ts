import { describe, expect, it } from 'vitest';
import { parseApiPath } from './requestPath.ts';

describe('parseApiPath', () => {
  it('should split namespaced, cluster-scoped and subresource paths', () => {
    expect(parseApiPath('/api/v1/namespaces/ns/pods/p/status')).toEqual({ kind: 'resource', group: '', version: 'v1', namespace: 'ns', resource: 'pods', name: 'p', subresource: 'status', watchPrefix: false });
    expect(parseApiPath('/apis/apps/v1/deployments')).toMatchObject({ kind: 'resource', group: 'apps', namespace: undefined, resource: 'deployments', name: undefined });
    expect(parseApiPath('/api/v1/nodes/n1')).toMatchObject({ resource: 'nodes', name: 'n1' });
  });

  it('should read namespaces/<name>/status and finalize as subresources of the namespace', () => {
    expect(parseApiPath('/api/v1/namespaces/ns/finalize')).toMatchObject({ resource: 'namespaces', name: 'ns', subresource: 'finalize', namespace: undefined });
    expect(parseApiPath('/api/v1/namespaces/ns')).toMatchObject({ resource: 'namespaces', name: 'ns', subresource: undefined });
  });

  it('should recognise discovery paths, the watch prefix and unknown paths', () => {
    expect(parseApiPath('/api')).toEqual({ kind: 'core-versions' });
    expect(parseApiPath('/apis')).toEqual({ kind: 'groups' });
    expect(parseApiPath('/apis/apps')).toEqual({ kind: 'group', group: 'apps' });
    expect(parseApiPath('/apis/apps/v1')).toEqual({ kind: 'group-version', group: 'apps', version: 'v1' });
    expect(parseApiPath('/api/v1/watch/namespaces/ns/pods')).toMatchObject({ resource: 'pods', namespace: 'ns', watchPrefix: true });
    expect(parseApiPath('/metrics')).toEqual({ kind: 'unknown' });
    expect(parseApiPath('/api/v1/namespaces/ns/pods/p/log/extra')).toEqual({ kind: 'unknown' });
  });
});

// A user operation the workload suites share: `kubectl delete --cascade=orphan`, which leaves the
// children behind without an owner for the next controller with a matching selector to adopt.
import fc from 'fast-check';
import type { TypeRef } from '../../src/client/client.ts';
import type { CustomOperation } from '../../src/harness/harnessTypes.ts';

/** Deletes the primary object with `propagationPolicy: Orphan` (the in-cluster garbage collector strips the owner references). */
export function orphanDelete(type: TypeRef): CustomOperation<null> {
  return {
    name: 'delete --cascade=orphan',
    arg: fc.constant(null),
    describe: () => 'kubectl delete --cascade=orphan',
    run: async (cluster, o) => {
      await cluster.client.delete(type, o.name, { namespace: o.namespace, propagationPolicy: 'Orphan' });
    },
  };
}

import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Node } from 'kubernetes-types/core/v1.js';
import type { AnyActorRef } from 'xstate';
import { isAlreadyExists, isConflict, isNotFound } from '../src/api/status.ts';
import { rfc3339Micro } from '../src/apiserver/timestamps.ts';
import type { Client } from '../src/client/client.ts';
import type { NodeSpec } from '../src/runtime/nodes/nodeSpec.ts';
import { nodeObject } from '../src/runtime/nodes/nodeSpec.ts';
import type { Clock } from '../src/runtime/sim/clock.ts';
import { nodeMachine } from '../machines/nodeMachine.ts';
import type { NodeStatusUpdate } from '../machines/nodeMachine.ts';
import type { KubeletHub } from './kubeletHub.ts';

/** Upstream `nodeStatusReportFrequency`: an unchanged status is still posted this often. */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
/** The node Lease duration (kubelet's `nodeLeaseDurationSeconds`). */
export const NODE_LEASE_DURATION_SECONDS = 40;

// Deferred so that API calls never run inside an XState action.
const later = (fn: () => Promise<void>): void => void Promise.resolve().then(fn);

/**
 * The node half of a kubelet: {@link nodeMachine} with registration (create the Node, or take over
 * the one in the store after a restart), status posts (when conditions change, else every 5 min, as
 * kubelet's `nodeStatusReportFrequency`) and Lease renewals (every heartbeat) wired to the client.
 * @internal
 */
export function createKubeletNodeLogic(spec: NodeSpec, index: number, client: Client, clock: Clock, hub: KubeletHub) {
  let lastPosted = '';
  let lastPostAt = Number.NEGATIVE_INFINITY;
  let lease: Lease | undefined;
  let unregisterTick: (() => void) | undefined;

  const register = async (self: AnyActorRef): Promise<void> => {
    const desired = nodeObject(spec, index);
    try {
      await client.create<Node>(desired);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      // A restarted kubelet keeps the Node (and what others set on it: taints, unschedulable, labels).
      const live = await client.get('Node', spec.name);
      await client.updateStatus<Node>({ ...live, status: { ...live.status, ...desired.status, conditions: live.status?.conditions ?? [] } });
    }
    unregisterTick?.();
    unregisterTick = hub.heartbeat(spec.name, () => {
      if ((self.getSnapshot() as { status: string }).status !== 'active') {
        unregisterTick?.();
        return;
      }
      self.send({ type: 'node.tick' });
    });
    lastPosted = '';
  };

  const postStatus = async ({ conditions }: NodeStatusUpdate): Promise<void> => {
    const now = clock.now();
    const signature = JSON.stringify(conditions.map((c) => ({ ...c, lastHeartbeatTime: undefined })));
    const live = await client.get('Node', spec.name);
    // Post when our view changed, when the server holds something else (the node controller marked it
    // Unknown), or at least every nodeStatusReportFrequency.
    const onServer = JSON.stringify((live.status?.conditions ?? []).map((c) => ({ ...c, lastHeartbeatTime: undefined })));
    if (signature === lastPosted && onServer === signature && now - lastPostAt < NODE_STATUS_REPORT_MS) return;
    await client.updateStatus<Node>({ apiVersion: 'v1', kind: 'Node', metadata: { name: spec.name, uid: live.metadata.uid }, status: { ...live.status, conditions } });
    lastPosted = signature;
    lastPostAt = now;
  };

  const renewLease = async (): Promise<void> => {
    const now = rfc3339Micro(clock.now());
    if (lease !== undefined) {
      try {
        lease = await client.update<Lease>({ ...lease, spec: { ...lease.spec, renewTime: now } });
        return;
      } catch (e) {
        if (!isConflict(e) && !isNotFound(e)) throw e;
        lease = undefined;
      }
    }
    try {
      const live = await client.get('Lease', spec.name, { namespace: 'kube-node-lease' });
      lease = await client.update<Lease>({ ...live, spec: { ...live.spec, holderIdentity: spec.name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime: now } });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      const node = await client.get('Node', spec.name);
      lease = await client.create<Lease>({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: spec.name, namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: spec.name, uid: node.metadata.uid }] },
        spec: { holderIdentity: spec.name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime: now },
      });
    }
  };

  const logic = nodeMachine.provide({
    actions: {
      registerNode: ({ self }) =>
        later(() =>
          register(self).then(
            () => self.send({ type: 'node.registered' }),
            () => self.send({ type: 'node.registrationFailed' }),
          ),
        ),
      updateNodeStatus: (_, params) => later(() => postStatus(params).catch(() => undefined)),
      renewLease: () => later(() => renewLease().catch(() => undefined)),
    },
  });
  return { logic, stop: () => unregisterTick?.() };
}

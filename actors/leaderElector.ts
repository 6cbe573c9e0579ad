import { fromCallback } from 'xstate';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import { isAlreadyExists, isConflict, isNotFound } from '../src/api/status.ts';
import { rfc3339Micro, parseTimestamp } from '../src/apiserver/timestamps.ts';
import type { Client } from '../src/client/client.ts';
import type { Clock, TimerId } from '../src/runtime/sim/clock.ts';
import type { ControllerManagerEvent } from '../machines/controllerManagerMachine.ts';

/** Leader election timings (kube-controller-manager's defaults). */
export interface LeaderElectionConfig {
  readonly leaseName: string;
  readonly namespace?: string;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
}

/** Default lease duration, 15 s. */
export const DEFAULT_LEASE_DURATION_MS = 15_000;
/** Default renew deadline, 10 s. */
export const DEFAULT_RENEW_DEADLINE_MS = 10_000;
/** Default retry period, 2 s. */
export const DEFAULT_RETRY_PERIOD_MS = 2_000;

/**
 * A leader elector on a `coordination.k8s.io/v1` Lease (client-go's leaderelection): it tries to
 * acquire or renew every retry period; it sends `leader.elected` when it takes the lease and
 * `leader.lost` when it fails to renew within the renew deadline. With `config` undefined it sends
 * `leader.elected` at once (leader election off).
 * @public
 */
export function createLeaderElector(client: Client, clock: Clock, identity: string, config: LeaderElectionConfig | undefined) {
  return fromCallback<ControllerManagerEvent>(({ sendBack }) => {
    if (config === undefined) {
      sendBack({ type: 'leader.elected' });
      return () => {};
    }
    const namespace = config.namespace ?? 'kube-system';
    const durationMs = config.leaseDurationMs ?? DEFAULT_LEASE_DURATION_MS;
    const deadlineMs = config.renewDeadlineMs ?? DEFAULT_RENEW_DEADLINE_MS;
    const retryMs = config.retryPeriodMs ?? DEFAULT_RETRY_PERIOD_MS;
    let leading = false;
    let lastRenew = 0;
    let stopped = false;
    let timer: TimerId | undefined;

    const attempt = async (): Promise<boolean> => {
      const now = clock.now();
      let lease: Lease | undefined;
      try {
        lease = await client.get('Lease', config.leaseName, { namespace });
      } catch (e) {
        if (!isNotFound(e)) return false;
      }
      if (lease === undefined) {
        try {
          await client.create<Lease>({
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: { name: config.leaseName, namespace },
            spec: { holderIdentity: identity, leaseDurationSeconds: Math.round(durationMs / 1000), acquireTime: rfc3339Micro(now), renewTime: rfc3339Micro(now), leaseTransitions: 0 },
          });
          return true;
        } catch (e) {
          if (isAlreadyExists(e)) return false;
          return false;
        }
      }
      const spec = lease.spec ?? {};
      const expired = parseTimestamp(spec.renewTime) + (spec.leaseDurationSeconds ?? 15) * 1000 <= now;
      if (spec.holderIdentity !== identity && spec.holderIdentity && !expired) return false;
      const takeover = spec.holderIdentity !== identity;
      try {
        await client.update<Lease>({
          ...lease,
          spec: {
            ...spec,
            holderIdentity: identity,
            leaseDurationSeconds: Math.round(durationMs / 1000),
            renewTime: rfc3339Micro(now),
            ...(takeover ? { acquireTime: rfc3339Micro(now), leaseTransitions: (spec.leaseTransitions ?? 0) + 1 } : {}),
          },
        });
        return true;
      } catch (e) {
        if (isConflict(e)) return false;
        return false;
      }
    };

    const loop = (): void => {
      if (stopped) return;
      void attempt().then((ok) => {
        if (stopped) return;
        const now = clock.now();
        if (ok) {
          lastRenew = now;
          if (!leading) {
            leading = true;
            sendBack({ type: 'leader.elected' });
          }
        } else if (leading && now - lastRenew >= deadlineMs) {
          leading = false;
          sendBack({ type: 'leader.lost' });
        }
        timer = clock.setTimeout(loop, retryMs);
      });
    };
    loop();
    return () => {
      stopped = true;
      clock.clearTimeout(timer);
    };
  });
}

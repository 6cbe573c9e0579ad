import type { Service } from 'kubernetes-types/core/v1.js';
import { isNotFound } from '../../api/status.ts';
import { cidrContains, intToIpv4, parseCidr } from '../../networking/ipAllocator.ts';
import { defineController } from '../controller/defineController.ts';
import type { ControllerDefinition } from '../controller/defineController.ts';

/** Options of {@link serviceLoadBalancerController}. */
export interface LoadBalancerControllerOptions {
  /** The fake cloud's pool of external addresses (a CIDR). */
  readonly pool: string;
  /** Addresses of the pool that are not handed out (e.g. the ingress controller's). */
  readonly reserved?: readonly string[];
}

const lbIPs = (svc: Service): string[] => (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter((ip) => ip !== '');

/**
 * The service controller of a simulated cloud-controller-manager: a Service of type LoadBalancer
 * (without `spec.loadBalancerClass`) gets an external IP from the pool — its `spec.loadBalancerIP`
 * if that is in the pool and free (deprecated since v1.24, still honoured), else the lowest free
 * address, so allocation is deterministic — written to `status.loadBalancer.ingress`, with the
 * `EnsuringLoadBalancer` / `EnsuredLoadBalancer` events; a Service that stops being a LoadBalancer
 * has its status cleared (`DeletedLoadBalancer`). An exhausted pool leaves the Service pending
 * (`EXTERNAL-IP <pending>`) with a `SyncLoadBalancerFailed` warning.
 * @public
 */
export function serviceLoadBalancerController(options: LoadBalancerControllerOptions): ControllerDefinition {
  const pool = parseCidr(options.pool);
  const reserved = new Set(options.reserved ?? []);
  return defineController({
    name: 'service',
    for: 'Service',
    async reconcile(req, ctx) {
      const lister = ctx.lister<Service>('Service');
      const svc = lister.get(req.namespace, req.name);
      if (svc === undefined) return {};
      const current = lbIPs(svc);
      const wanted = svc.spec?.type === 'LoadBalancer' && svc.spec.loadBalancerClass == null && svc.metadata?.deletionTimestamp == null;
      const write = async (status: Service['status']): Promise<void> => {
        try {
          await ctx.client.updateStatus({ ...svc, status: status ?? {} });
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      };
      if (!wanted) {
        if (current.length === 0 || svc.spec?.loadBalancerClass != null) return {};
        await ctx.recorder.event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
        await write({ ...svc.status, loadBalancer: {} });
        await ctx.recorder.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
        return {};
      }
      const used = new Set(reserved);
      for (const other of lister.list()) if (other.metadata?.uid !== svc.metadata?.uid) for (const ip of lbIPs(other)) used.add(ip);
      const mine = current.find((ip) => cidrContains(pool, ip) && !used.has(ip));
      if (mine !== undefined && current.length === 1 && (!svc.spec?.loadBalancerIP || svc.spec.loadBalancerIP === mine)) return {};
      await ctx.recorder.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
      const requested = svc.spec?.loadBalancerIP;
      let ip: string | undefined;
      if (requested) ip = cidrContains(pool, requested) && !used.has(requested) ? requested : undefined;
      else for (let n = pool.base + 1; n < pool.base + pool.size - 1 && ip === undefined; n++) if (!used.has(intToIpv4(n))) ip = intToIpv4(n);
      if (ip === undefined) {
        const why = requested ? `requested IP ${requested} is not available in the pool ${pool.text}` : `no address left in the pool ${pool.text}`;
        await ctx.recorder.event(svc, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: failed to ensure load balancer: ${why}`);
        return {};
      }
      await write({ ...svc.status, loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } });
      await ctx.recorder.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
      return {};
    },
  });
}

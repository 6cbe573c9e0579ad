import { produce } from 'immer';
import type { Service } from 'kubernetes-types/core/v1.js';
import { fieldError, invalid } from '../api/fieldErrors.ts';
import type { KubeObject } from '../api/meta.ts';
import { internalError, StatusError } from '../api/status.ts';
import type { Rng } from '../runtime/sim/rng.ts';
import type { Store, StoreEvent } from '../store/storeTypes.ts';
import { IpAllocator, ipv4ToInt } from '../networking/ipAllocator.ts';
import { PortAllocator } from '../networking/portAllocator.ts';
import { allocatesNodePorts, dropTypeDependentFields, heldValues, mayHoldNodePorts, needsClusterIP, needsHealthCheckNodePort, patchAllocatedValues } from '../networking/serviceFields.ts';
import type { AdmissionPlugin, AdmissionRequest } from './admission.ts';

/** kubeadm's default service CIDR. */
export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';
/** kube-apiserver's default `--service-node-port-range`. */
export const DEFAULT_NODE_PORT_RANGE = '30000-32767';

/** Options of {@link createServiceAllocation}. */
export interface ServiceAllocationOptions {
  readonly store: Store;
  /** Randomness for dynamic allocation (forked per allocator). */
  readonly rng: Rng;
  readonly serviceCIDR?: string;
  readonly nodePortRange?: string;
}

/** The Service registry's allocators and the admission plugin that drives them. */
export interface ServiceAllocation {
  readonly plugin: AdmissionPlugin;
  readonly ips: IpAllocator;
  readonly nodePorts: PortAllocator;
  /**
   * Frees values taken by requests that did not store their Service (upstream's repair loop does
   * the same for leaked allocations); also done at the start of every Service request.
   */
  repair(): void;
  stop(): void;
}

interface Held {
  ips: Set<string>;
  ports: Set<number>;
}

// Go's %v of a []string, as upstream prints `spec.clusterIPs` in its allocation error.
const goStrings = (xs: readonly string[]): string => `[]string{${xs.map((x) => JSON.stringify(x)).join(', ')}}`;

function clusterIPsInvalid(name: string, ips: readonly string[], detail: string): StatusError {
  const message = `Invalid value: ${goStrings(ips)}: ${detail}`;
  return new StatusError(422, 'Invalid', `Service "${name}" is invalid: spec.clusterIPs: ${message}`, {
    name,
    group: '',
    kind: 'Service',
    causes: [{ reason: 'FieldValueInvalid', message, field: 'spec.clusterIPs' }],
  });
}

/**
 * ClusterIP and NodePort allocation as kube-apiserver's Service registry does it, as an admission
 * plugin run after the others: a requested `clusterIP` is taken or refused (already allocated, out of
 * range), an empty one is allocated from the service CIDR, `None` (headless) and ExternalName get
 * nothing; node ports are taken or allocated per port for NodePort and LoadBalancer Services (ports
 * with the same number share one), plus a health-check node port for LoadBalancer with
 * `externalTrafficPolicy: Local`. Updates keep allocated values the body left out, drop the fields
 * of the old type, and allocate what the new type needs.
 *
 * The allocators follow the store: a committed Service holds its values, a deleted or changed one
 * frees what it no longer holds. Values taken by a request that then failed (validation, conflict,
 * dry run) are freed at the next Service request. Allocation errors are raised in the validating
 * phase, so validation errors come first, as upstream.
 * @public
 */
export function createServiceAllocation(options: ServiceAllocationOptions): ServiceAllocation {
  const ips = new IpAllocator(options.serviceCIDR ?? DEFAULT_SERVICE_CIDR, options.rng.fork('service-cluster-ip'));
  const nodePorts = new PortAllocator(options.nodePortRange ?? DEFAULT_NODE_PORT_RANGE, options.rng.fork('service-node-port'));
  const { store } = options;
  const owned = new Map<string, Held>();
  let pending: { key: string; ips: string[]; ports: number[] }[] = [];
  let deferred: { key: string; error: StatusError } | undefined;

  const hold = (key: string, svc: Service | undefined): void => {
    const before = owned.get(key) ?? { ips: new Set(), ports: new Set() };
    const now = svc === undefined ? { ips: [], ports: [] } : heldValues(svc);
    for (const ip of before.ips) if (!now.ips.includes(ip)) ips.release(ip);
    for (const p of before.ports) if (!now.ports.includes(p)) nodePorts.release(p);
    // A value taken in admission is already marked: allocate() refusing it is expected.
    for (const ip of now.ips) if (!before.ips.has(ip)) ips.allocate(ip);
    for (const p of now.ports) if (!before.ports.has(p)) nodePorts.allocate(p);
    if (svc === undefined) owned.delete(key);
    else owned.set(key, { ips: new Set(now.ips), ports: new Set(now.ports) });
  };

  // Values taken by earlier requests: those now in the store belong to it, the others are freed.
  const settlePending = (): void => {
    for (const p of pending) {
      const stored = store.get('services', p.key) as Service | undefined;
      const held = stored === undefined ? { ips: [], ports: [] } : heldValues(stored);
      const mine = owned.get(p.key);
      for (const ip of p.ips) if (!held.ips.includes(ip) && !(mine?.ips.has(ip) ?? false)) ips.release(ip);
      for (const port of p.ports) if (!held.ports.includes(port) && !(mine?.ports.has(port) ?? false)) nodePorts.release(port);
      if (stored !== undefined) hold(p.key, stored);
    }
    pending = [];
  };

  for (const svc of store.list('services').items) hold(`${svc.metadata.namespace}/${svc.metadata.name}`, svc as Service);
  const unsubscribe = store.subscribe((e: StoreEvent) => {
    if (e.resource !== 'services') return;
    hold(e.key, e.type === 'DELETED' ? undefined : (e.object as Service));
  });

  const allocate = (req: AdmissionRequest, key: string, svc: Service): Service => {
    const old = req.oldObject as Service | undefined;
    const mine = owned.get(key);
    const taken: { key: string; ips: string[]; ports: number[] } = { key, ips: [], ports: [] };
    pending.push(taken);
    const fail = (error: StatusError): Service => {
      deferred ??= { key, error };
      return svc;
    };
    return produce(svc, (d) => {
      const spec = (d.spec ??= {});
      if (old?.spec !== undefined) {
        dropTypeDependentFields(spec, old.spec);
        patchAllocatedValues(spec, old.spec);
      }
      if (needsClusterIP(spec) && !(old !== undefined && needsClusterIP(old.spec) && old.spec?.clusterIP)) {
        const requested = spec.clusterIP;
        if (requested) {
          if (ipv4ToInt(requested) !== undefined) {
            const err = ips.allocate(requested);
            if (err !== undefined) return void fail(clusterIPsInvalid(req.name, spec.clusterIPs ?? [requested], `failed to allocate IP ${requested}: ${err}`));
            taken.ips.push(requested);
          }
        } else {
          const ip = ips.allocateNext();
          if (ip === undefined) return void fail(internalError('failed to allocate a serviceIP: range is full'));
          taken.ips.push(ip);
          spec.clusterIP = ip;
          spec.clusterIPs = [ip];
        }
      }
      if (!mayHoldNodePorts(spec)) return;
      const byPort = new Map<number, number>();
      const take = (port: number, field: string): boolean => {
        if (mine?.ports.has(port) === true || taken.ports.includes(port)) return true;
        const err = nodePorts.allocate(port);
        if (err !== undefined) {
          fail(invalid('Service', req.name, [fieldError.invalid(field, port, err)]));
          return false;
        }
        taken.ports.push(port);
        return true;
      };
      const ports = spec.ports ?? [];
      for (const [i, p] of ports.entries()) {
        if (!p.nodePort && !allocatesNodePorts(spec)) continue;
        const shared = byPort.get(p.port);
        if (shared !== undefined && (!p.nodePort || p.nodePort === shared)) {
          p.nodePort = shared;
          continue;
        }
        const requested = p.nodePort || (ports.find((o) => o.port === p.port && o.nodePort)?.nodePort ?? 0);
        if (requested) {
          if (!take(requested, `spec.ports[${i}].nodePort`)) return;
          p.nodePort = requested;
        } else {
          const np = nodePorts.allocateNext();
          if (np === undefined) return void fail(internalError('failed to allocate a nodePort: range is full'));
          taken.ports.push(np);
          p.nodePort = np;
        }
        byPort.set(p.port, p.nodePort);
      }
      if (needsHealthCheckNodePort(spec)) {
        if (spec.healthCheckNodePort) {
          take(spec.healthCheckNodePort, 'spec.healthCheckNodePort');
        } else {
          const np = nodePorts.allocateNext();
          if (np === undefined) return void fail(internalError('failed to allocate a nodePort: range is full'));
          taken.ports.push(np);
          spec.healthCheckNodePort = np;
        }
      }
    });
  };

  const isService = (req: AdmissionRequest): boolean => req.resource.group === '' && req.resource.kind === 'Service' && req.subresource === undefined;

  const plugin: AdmissionPlugin = {
    name: 'ServiceAllocation',
    mutate(req): KubeObject | undefined {
      if (!isService(req) || (req.operation !== 'CREATE' && req.operation !== 'UPDATE')) return undefined;
      settlePending();
      deferred = undefined;
      const key = `${req.namespace ?? 'default'}/${req.name}`;
      // A create of an existing name fails with AlreadyExists: nothing to allocate.
      if (req.operation === 'CREATE' && store.get('services', key) !== undefined) return undefined;
      return allocate(req, key, req.object as Service);
    },
    validate(req) {
      if (!isService(req)) return;
      const d = deferred;
      deferred = undefined;
      if (d !== undefined && d.key === `${req.namespace ?? 'default'}/${req.name}`) throw d.error;
      // A dry run stores nothing: what it took goes back at once.
      if (req.dryRun) settlePending();
    },
  };
  return {
    plugin,
    ips,
    nodePorts,
    repair: settlePending,
    stop: unsubscribe,
  };
}

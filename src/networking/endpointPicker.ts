import type { Rng } from '../runtime/sim/rng.ts';
import type { ProxyEndpoint, ServicePortRule } from './proxyRules.ts';
import { ruleKey } from './proxyRules.ts';

/**
 * How kube-proxy spreads connections: `iptables` (the default since v1.2) picks at random with the
 * `statistic` match; `ipvs` (scheduler `rr`) and the book-era `userspace` mode (removed in v1.26)
 * go round-robin, and `userspace` also retries another backend when the chosen one does not answer.
 * @public
 */
export type ProxyMode = 'iptables' | 'ipvs' | 'userspace';

/** A kube-proxy's connection-tracking memory: ClientIP affinity entries and round-robin positions. */
export interface ProxyState {
  readonly affinity: Map<string, { readonly ip: string; readonly port: number; readonly until: number }>;
  readonly nextIndex: Map<string, number>;
}

/** Fresh, empty proxy state (a restarted kube-proxy forgets affinity, like a flushed conntrack). */
export function createProxyState(): ProxyState {
  return { affinity: new Map(), nextIndex: new Map() };
}

/** What {@link pickEndpoint} needs besides the candidates. */
export interface PickOptions {
  readonly mode: ProxyMode;
  readonly rng: Rng;
  readonly state: ProxyState;
  readonly clientIP: string;
  readonly nowMs: number;
  /** Endpoints already tried (userspace retries) and to avoid. */
  readonly exclude?: ReadonlySet<string>;
}

/**
 * Chooses the backend of one connection: with ClientIP affinity, the endpoint this client used
 * within the timeout (each use renews it, as the `recent --set` match does) if it is still a
 * candidate; otherwise one chosen by the mode, which then becomes the client's affinity endpoint.
 * @public
 */
export function pickEndpoint(rule: ServicePortRule, candidates: readonly ProxyEndpoint[], opts: PickOptions): ProxyEndpoint | undefined {
  const pool = opts.exclude === undefined ? candidates : candidates.filter((e) => !opts.exclude?.has(`${e.ip}:${e.port}`));
  if (pool.length === 0) return undefined;
  const svcKey = `${rule.namespace}/${rule.name}|${ruleKey(rule.clusterIP, rule.port, rule.protocol)}`;
  const affKey = `${svcKey}|${opts.clientIP}`;
  if (rule.affinitySeconds !== undefined) {
    const hit = opts.state.affinity.get(affKey);
    if (hit !== undefined && hit.until > opts.nowMs) {
      const ep = pool.find((e) => e.ip === hit.ip && e.port === hit.port);
      if (ep !== undefined) {
        opts.state.affinity.set(affKey, { ip: ep.ip, port: ep.port, until: opts.nowMs + rule.affinitySeconds * 1000 });
        return ep;
      }
    }
  }
  let chosen: ProxyEndpoint;
  if (opts.mode === 'iptables') {
    chosen = opts.rng.pick(pool);
  } else {
    const i = opts.state.nextIndex.get(svcKey) ?? 0;
    chosen = pool[i % pool.length] as ProxyEndpoint;
    opts.state.nextIndex.set(svcKey, (i + 1) % pool.length);
  }
  if (rule.affinitySeconds !== undefined) opts.state.affinity.set(affKey, { ip: chosen.ip, port: chosen.port, until: opts.nowMs + rule.affinitySeconds * 1000 });
  return chosen;
}

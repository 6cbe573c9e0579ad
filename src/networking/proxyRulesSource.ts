import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { InformerFactory } from '../client/informerFactory.ts';
import { buildProxyRules } from './proxyRules.ts';
import type { ProxyRules } from './proxyRules.ts';

/** The latest rules, built at most once per change and shared by every kube-proxy. */
export interface ProxyRulesSource {
  /** The rules for the caches as they are now. */
  current(): ProxyRules;
  /** Bumped on every Service or EndpointSlice change. */
  version(): number;
  /** Calls `listener` after every change; returns its remover. */
  onChange(listener: () => void): () => void;
  stop(): void;
}

/**
 * Watches Services and EndpointSlices through shared informers (one watch per kind for all nodes'
 * kube-proxies, as the performance budget asks) and builds {@link ProxyRules} lazily.
 * @public
 */
export function createProxyRulesSource(informers: InformerFactory): ProxyRulesSource {
  const services = informers.informerFor<Service>('Service');
  const slices = informers.informerFor<EndpointSlice>('EndpointSlice');
  const listeners = new Set<() => void>();
  let version = 0;
  let built: { version: number; rules: ProxyRules } | undefined;
  const changed = (): void => {
    version++;
    for (const l of listeners) l();
  };
  const handler = { onAdd: changed, onUpdate: changed, onDelete: changed };
  const stops = [services.addEventHandler(handler), slices.addEventHandler(handler)];
  return {
    current() {
      if (built?.version !== version) built = { version, rules: buildProxyRules(services.lister.list(), slices.lister.list()) };
      return built.rules;
    },
    version: () => version,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      for (const s of stops) s();
      listeners.clear();
    },
  };
}

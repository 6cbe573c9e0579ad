import { assign } from 'xstate';
import type { AnyActorRef } from 'xstate';
import type { Node } from 'kubernetes-types/core/v1.js';
import type { InformerFactory } from '../src/client/informerFactory.ts';
import { createProxyState } from '../src/networking/endpointPicker.ts';
import type { ProxyState } from '../src/networking/endpointPicker.ts';
import type { ProxyRules } from '../src/networking/proxyRules.ts';
import type { ProxyRulesSource } from '../src/networking/proxyRulesSource.ts';
import { kubeProxyMachine } from '../machines/kubeProxyMachine.ts';
import type { KubeProxyContext } from '../machines/kubeProxyMachine.ts';

/** kube-proxy's default `--iptables-min-sync-period`. */
export const DEFAULT_MIN_SYNC_PERIOD_MS = 1000;

/**
 * The actor logic of one node's kube-proxy: {@link kubeProxyMachine} programming the shared rules
 * of `source` after `minSyncPeriodMs`, reporting each sync to `onSynced`.
 * @public
 */
export function createKubeProxyLogic(source: ProxyRulesSource, minSyncPeriodMs: number, onSynced: (node: string, rules: ProxyRules) => void) {
  return kubeProxyMachine.provide({
    actions: {
      programRules: assign(({ context }: { context: KubeProxyContext }) => {
        onSynced(context.node, source.current());
        return { version: source.version(), syncs: context.syncs + 1 };
      }),
    },
    delays: { minSyncPeriod: minSyncPeriodMs },
  });
}

/** The running kube-proxies, one per Node object. */
export interface KubeProxySet {
  /** The rules `node`'s kube-proxy has programmed (undefined before its first sync or without a kube-proxy). */
  rulesFor(node: string): ProxyRules | undefined;
  /** `node`'s connection-tracking memory (affinity, round-robin). */
  stateFor(node: string): ProxyState | undefined;
  /** Nodes with a kube-proxy. */
  nodes(): string[];
  /** kube-proxies with a sync pending. */
  syncing(): number;
  stop(): void;
}

/** What {@link startKubeProxies} runs on. */
export interface KubeProxySetOptions {
  /** The cluster root (kube-proxies are its children, systemId `kube-proxy/<node>`). */
  readonly root: AnyActorRef;
  readonly informers: InformerFactory;
  readonly source: ProxyRulesSource;
  readonly minSyncPeriodMs?: number;
}

/**
 * Runs one kube-proxy per Node object (a DaemonSet, in a real cluster): starts one when a Node
 * appears, stops it (and forgets its state) when the Node is deleted, and tells every synced
 * kube-proxy when Services or EndpointSlices change.
 * @public
 */
export function startKubeProxies(options: KubeProxySetOptions): KubeProxySet {
  const { root, informers, source } = options;
  const minSync = options.minSyncPeriodMs ?? DEFAULT_MIN_SYNC_PERIOD_MS;
  const states = new Map<string, ProxyState>();
  // The rules each node's kube-proxy programmed (its iptables), shared between nodes that synced the same version.
  const programmed = new Map<string, ProxyRules>();
  const syncing = new Set<string>();
  const id = (node: string): string => `kube-proxy/${node}`;
  const actorOf = (node: string): AnyActorRef | undefined => (states.has(node) ? (root.system.get(id(node)) as AnyActorRef | undefined) : undefined);
  const logic = createKubeProxyLogic(source, minSync, (node, rules) => {
    syncing.delete(node);
    if (states.has(node)) programmed.set(node, rules);
  });

  const stopChanges = source.onChange(() => {
    for (const node of states.keys()) {
      if (syncing.has(node)) continue;
      syncing.add(node);
      actorOf(node)?.send({ type: 'proxy.changed' });
    }
  });
  const stopNodes = informers.informerFor<Node>('Node').addEventHandler({
    onAdd: (n) => {
      const node = n.metadata?.name ?? '';
      if (states.has(node)) return;
      states.set(node, createProxyState());
      syncing.add(node);
      root.send({ type: 'component.start', id: id(node), systemId: id(node), logic, input: { node } });
    },
    onDelete: (n) => {
      const node = n.metadata?.name ?? '';
      if (!states.has(node)) return;
      root.send({ type: 'component.stop', id: id(node) });
      states.delete(node);
      syncing.delete(node);
      programmed.delete(node);
    },
  });
  return {
    rulesFor: (node) => programmed.get(node),
    stateFor: (node) => states.get(node),
    nodes: () => [...states.keys()].sort(),
    syncing: () => syncing.size,
    stop() {
      stopChanges();
      stopNodes();
    },
  };
}

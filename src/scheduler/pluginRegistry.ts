// Plugin registry (upstream runtime.Registry): plugin names → factories taking the plugin's args.
import type { Plugin, Profile, ProfileConfig } from './framework.ts';
import { checkNodeLabelPresence, type CheckNodeLabelPresenceArgs } from './plugins/legacy/checkNodeLabelPresence.ts';
import { checkServiceAffinity, type CheckServiceAffinityArgs } from './plugins/legacy/checkServiceAffinity.ts';
import { calculateNodeLabelPriority, type CalculateNodeLabelPriorityArgs } from './plugins/legacy/calculateNodeLabelPriority.ts';
import { balancedResourceAllocation } from './plugins/legacy/balancedResourceAllocation.ts';
import { leastRequestedPriority } from './plugins/legacy/leastRequestedPriority.ts';
import { noDiskConflict } from './plugins/legacy/noDiskConflict.ts';
import { podFitsHost } from './plugins/legacy/podFitsHost.ts';
import { podFitsPorts } from './plugins/legacy/podFitsPorts.ts';
import { podFitsResources } from './plugins/legacy/podFitsResources.ts';
import { podSelectorMatches } from './plugins/legacy/podSelectorMatches.ts';
import { defaultBinder } from './plugins/defaultBinder.ts';
import { defaultPreemption, type DefaultPreemptionArgs } from './plugins/defaultPreemption.ts';
import { imageLocality } from './plugins/imageLocality.ts';
import { interPodAffinity, type InterPodAffinityArgs } from './plugins/interPodAffinity.ts';
import { nodeAffinity, type NodeAffinityArgs } from './plugins/nodeAffinity.ts';
import { nodeName } from './plugins/nodeName.ts';
import { nodePorts } from './plugins/nodePorts.ts';
import { nodeResourcesBalancedAllocation, type BalancedAllocationArgs } from './plugins/nodeResourcesBalancedAllocation.ts';
import { nodeResourcesFit, type NodeResourcesFitArgs } from './plugins/nodeResourcesFit.ts';
import { nodeUnschedulable } from './plugins/nodeUnschedulable.ts';
import { podTopologySpread, type PodTopologySpreadArgs } from './plugins/podTopologySpread.ts';
import { prioritySort } from './plugins/prioritySort.ts';
import { schedulingGates } from './plugins/schedulingGates.ts';
import { taintToleration } from './plugins/taintToleration.ts';
import { volumeRestrictions } from './plugins/volumeRestrictions.ts';

/** Builds a plugin from its args (`undefined` when the profile gives none). */
export type PluginFactory = (args: unknown) => Plugin;

/**
 * Named plugin factories; users add their own with {@link PluginRegistry.register}.
 * @public
 */
export interface PluginRegistry {
  /** @throws Error when the name is taken. */
  register(name: string, factory: PluginFactory): void;
  get(name: string): PluginFactory | undefined;
  has(name: string): boolean;
  names(): string[];
}

/** A registry with the given entries. */
export function createPluginRegistry(entries: Iterable<readonly [string, PluginFactory]> = []): PluginRegistry {
  const map = new Map<string, PluginFactory>();
  const registry: PluginRegistry = {
    register(name, factory) {
      if (map.has(name)) throw new Error(`a plugin named ${name} already exists`);
      map.set(name, factory);
    },
    get: (name) => map.get(name),
    has: (name) => map.has(name),
    names: () => [...map.keys()],
  };
  for (const [name, f] of entries) registry.register(name, f);
  return registry;
}

// Factories cast their args: profile args are configuration, validated by the plugin's defaults.
const IN_TREE: readonly (readonly [string, PluginFactory])[] = [
  ['SchedulingGates', () => schedulingGates()],
  ['PrioritySort', () => prioritySort()],
  ['NodeUnschedulable', () => nodeUnschedulable()],
  ['NodeName', () => nodeName()],
  ['TaintToleration', () => taintToleration()],
  ['NodeAffinity', (a) => nodeAffinity(a as NodeAffinityArgs | undefined)],
  ['NodePorts', () => nodePorts()],
  ['NodeResourcesFit', (a) => nodeResourcesFit(a as NodeResourcesFitArgs | undefined)],
  ['VolumeRestrictions', () => volumeRestrictions()],
  ['PodTopologySpread', (a) => podTopologySpread(a as PodTopologySpreadArgs | undefined)],
  ['InterPodAffinity', (a) => interPodAffinity(a as InterPodAffinityArgs | undefined)],
  ['DefaultPreemption', (a) => defaultPreemption(a as DefaultPreemptionArgs | undefined)],
  ['NodeResourcesBalancedAllocation', (a) => nodeResourcesBalancedAllocation(a as BalancedAllocationArgs | undefined)],
  ['ImageLocality', () => imageLocality()],
  ['DefaultBinder', () => defaultBinder()],
  ['PodFitsResources', () => podFitsResources()],
  ['PodFitsPorts', () => podFitsPorts()],
  ['PodFitsHostPorts', () => podFitsPorts()],
  ['PodSelectorMatches', () => podSelectorMatches()],
  ['MatchNodeSelector', () => podSelectorMatches()],
  ['PodFitsHost', () => podFitsHost()],
  ['HostName', () => podFitsHost()],
  ['NoDiskConflict', () => noDiskConflict()],
  ['CheckNodeLabelPresence', (a) => checkNodeLabelPresence((a ?? { labels: [], presence: true }) as CheckNodeLabelPresenceArgs)],
  ['CheckServiceAffinity', (a) => checkServiceAffinity((a ?? { labels: [] }) as CheckServiceAffinityArgs)],
  ['LeastRequestedPriority', () => leastRequestedPriority()],
  ['BalancedResourceAllocation', () => balancedResourceAllocation()],
  ['CalculateNodeLabelPriority', (a) => calculateNodeLabelPriority((a ?? { label: '', presence: true }) as CalculateNodeLabelPriorityArgs)],
];

/** A fresh registry holding every in-tree plugin and the legacy predicates/priorities (with their v1 aliases). */
export function inTreeRegistry(): PluginRegistry {
  return createPluginRegistry(IN_TREE);
}

/**
 * Instantiates a profile: each listed plugin from the registry with `pluginConfig[name]` as args,
 * named as listed, weight defaulting to 1 (0 also means 1, as upstream).
 * @throws Error `plugin "X" does not exist` for an unknown name.
 */
export function buildProfile(config: ProfileConfig, registry: PluginRegistry = inTreeRegistry()): Profile {
  const plugins = config.plugins.map(({ name, weight }) => {
    const factory = registry.get(name);
    if (factory === undefined) throw new Error(`plugin "${name}" does not exist`);
    const plugin = factory(config.pluginConfig?.[name]);
    return { plugin: plugin.name === name ? plugin : { ...plugin, name }, weight: weight === undefined || weight === 0 ? 1 : weight };
  });
  return {
    schedulerName: config.schedulerName,
    plugins,
    ...(config.percentageOfNodesToScore === undefined ? {} : { percentageOfNodesToScore: config.percentageOfNodesToScore }),
  };
}

import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { parse as parseYaml } from 'yaml';
import { imageMatches, parseImageRef } from './imageRef.ts';
import { readProfile } from './readProfile.ts';
import { idiomLayer } from './shellIdioms.ts';
import { constantSchedule } from './timeSchedule.ts';
import type { BehaviorLayer, ImagePolicy, ImageProfiles, WorkloadBehavior, WorkloadProfile } from './workloadTypes.ts';

export type { ImagePolicy, ImageProfiles, WorkloadBehavior, WorkloadProfile } from './workloadTypes.ts';

/** The pod annotation prefix that carries a container's behaviour: `behavior.kubeactors.dev/<container>`. */
export const BEHAVIOR_ANNOTATION_PREFIX = 'behavior.kubeactors.dev/';

/**
 * The default behaviour: pulls in 1 s, starts in 1 s, is ready at once, runs for ever, answers HTTP 200,
 * exits with 143 at once on SIGTERM, uses no CPU or memory, logs nothing.
 * @public
 */
export const DEFAULT_BEHAVIOR: WorkloadBehavior = Object.freeze({
  sources: ['default'],
  pull: { ms: 1000, error: undefined },
  startMs: 1000,
  readiness: constantSchedule(true),
  run: undefined,
  term: { ms: 0, exitCode: 143 },
  probes: {},
  hooks: {},
  cpuMillis: constantSchedule(0),
  memoryBytes: constantSchedule(0),
  http: { status: 200, body: '' },
  logs: { lines: [] },
});

function merge(base: WorkloadBehavior, layer: BehaviorLayer, source: string): WorkloadBehavior {
  const probes = layer.probes !== undefined ? { ...base.probes, ...layer.probes } : base.probes;
  const hooks = layer.hooks !== undefined ? { ...base.hooks, ...layer.hooks } : base.hooks;
  return { ...base, ...layer, probes, hooks, sources: [source, ...base.sources] };
}

// Command lines and annotation texts are read once per distinct text; merged behaviours are shared
// between pods with the same sources, so that a Deployment's pods hold one behaviour object.
const profileLayers = new WeakMap<WorkloadProfile, ReturnType<typeof readProfile>>();
const merged = new WeakMap<WorkloadBehavior, Map<unknown, WorkloadBehavior>>();
const commandCache = new Map<string, WorkloadBehavior>();
const annotationCache = new Map<string, ReturnType<typeof readProfile> | { error: string }>();
const TEXT_CACHE_LIMIT = 4096;

function cachedText<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= TEXT_CACHE_LIMIT) cache.clear();
    v = make();
    cache.set(key, v);
  }
  return v;
}

function mergeShared(base: WorkloadBehavior, key: object | string, make: () => WorkloadBehavior): WorkloadBehavior {
  let byKey = merged.get(base);
  if (byKey === undefined) {
    byKey = new Map();
    merged.set(base, byKey);
  }
  let b = byKey.get(key);
  if (b === undefined) {
    if (byKey.size >= TEXT_CACHE_LIMIT) byKey.clear();
    b = make();
    byKey.set(key, b);
  }
  return b;
}

function profileLayer(profile: WorkloadProfile): ReturnType<typeof readProfile> {
  let read = profileLayers.get(profile);
  if (read === undefined) {
    read = readProfile(profile);
    profileLayers.set(profile, read);
  }
  return read;
}

/** The profile registered for `image`: an exact reference first, then a repository-wide key. */
export function findImageProfile(profiles: ImageProfiles | undefined, image: string): { key: string; profile: WorkloadProfile } | undefined {
  if (profiles === undefined) return undefined;
  const full = parseImageRef(image).full;
  let loose: { key: string; profile: WorkloadProfile } | undefined;
  for (const [key, profile] of Object.entries(profiles)) {
    if (!imageMatches(key, image)) continue;
    if (parseImageRef(key).full === full && /[:@]/.test(key.slice(key.lastIndexOf('/') + 1))) return { key, profile };
    loose ??= { key, profile };
  }
  return loose;
}

/** The error containerd reports for an image that does not exist. */
export function imageNotFoundMessage(image: string): string {
  const ref = parseImageRef(image).full;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

function readAnnotation(text: string): ReturnType<typeof readProfile> | { error: string } {
  try {
    // YAML is a superset of JSON, so one parser reads both.
    return readProfile(parseYaml(text) as unknown);
  } catch (e) {
    return { error: e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e) };
  }
}

function annotationBehavior(base: WorkloadBehavior, name: string, text: string): WorkloadBehavior {
  const where = `annotation "${BEHAVIOR_ANNOTATION_PREFIX}${name}"`;
  const read = cachedText(annotationCache, text, () => readAnnotation(text));
  if ('error' in read) return { ...base, configError: `invalid ${where}: ${read.error}` };
  if (read.errors.length > 0) return { ...base, configError: `invalid ${where}: ${read.errors.join('; ')}` };
  return mergeShared(base, `ann:${text}`, () => merge(base, read.layer, 'annotation'));
}

/**
 * How `container` of `pod` behaves, from (most specific first) the pod annotation
 * `behavior.kubeactors.dev/<container>` (JSON or YAML), the profile registered for its image in
 * `profiles`, the shell idioms in its command and args, and {@link DEFAULT_BEHAVIOR}. Sources are
 * merged field by field, the more specific winning. With `policy.knownImagesOnly`, an image not in
 * `policy.known` fails to pull (ErrImagePull, then ImagePullBackOff).
 *
 * An annotation or image profile that does not validate yields a behaviour with `configError` set;
 * the container then waits with reason CreateContainerConfigError and that message.
 * @public
 */
export function resolveBehavior(pod: Pod, container: Container, profiles?: ImageProfiles, policy?: ImagePolicy): WorkloadBehavior {
  const image = container.image ?? '';
  const commandKey = JSON.stringify([container.command ?? null, container.args ?? null]);
  let behavior = cachedText(commandCache, commandKey, () => {
    const layer = idiomLayer(container.command, container.args);
    return layer === undefined ? DEFAULT_BEHAVIOR : merge(DEFAULT_BEHAVIOR, layer, 'command');
  });
  const found = findImageProfile(profiles, image);
  if (found !== undefined) {
    const read = profileLayer(found.profile);
    const base = behavior;
    behavior = read.errors.length > 0
      ? { ...base, configError: `invalid image profile "${found.key}": ${read.errors.join('; ')}` }
      : mergeShared(base, found.profile, () => merge(base, read.layer, 'image'));
  }
  const text = pod.metadata?.annotations?.[`${BEHAVIOR_ANNOTATION_PREFIX}${container.name}`];
  if (text !== undefined && behavior.configError === undefined) behavior = annotationBehavior(behavior, container.name, text);
  const unknownImage = policy?.knownImagesOnly === true && !(policy.known ?? []).some((k) => imageMatches(k, image));
  if (behavior.pull.error === '' || unknownImage) behavior = { ...behavior, pull: { ...behavior.pull, error: imageNotFoundMessage(image) } };
  return behavior;
}

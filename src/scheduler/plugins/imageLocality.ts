// ImageLocality (upstream plugins/imagelocality): favours nodes that already have the pod's images,
// scaled by how widely each image is spread over the cluster.
import type { Plugin } from '../framework.ts';
import { MAX_NODE_SCORE } from '../framework.ts';

/** The plugin name. */
export const IMAGE_LOCALITY = 'ImageLocality';

const MB = 1024 * 1024;
/** Image bytes below which the score is 0 (23 MiB). */
export const MIN_THRESHOLD = 23 * MB;
/** Image bytes per container above which the score is 100 (1000 MiB). */
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** Adds `:latest` to an image reference without a tag (upstream `normalizedImageName`). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/** `100 × (clamp(sum, 23Mi, 1000Mi × containers) − 23Mi) / (1000Mi × containers − 23Mi)` (upstream `calculatePriority`). */
export function imageLocalityPriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const sum = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  return Math.trunc((MAX_NODE_SCORE * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

/** Creates the ImageLocality plugin. */
export function imageLocality(): Plugin {
  return {
    name: IMAGE_LOCALITY,
    score(ctx, pod, nodeInfo) {
      const total = ctx.snapshot.numNodes();
      const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
      let sum = 0;
      for (const c of containers) {
        const name = normalizedImageName(c.image ?? '');
        const size = nodeInfo.imageSizes.get(name);
        // Each image counts its size times the fraction of nodes that have it.
        if (size !== undefined) sum += Math.trunc(size * (ctx.snapshot.imageNumNodes(name) / total));
      }
      return imageLocalityPriority(sum, containers.length);
    },
  };
}

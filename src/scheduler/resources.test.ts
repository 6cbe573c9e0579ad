import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, podNonZeroRequests, podRequests, resourceFromList } from './resources.ts';

const pod = (spec: Partial<NonNullable<Pod['spec']>>): Pod => ({ metadata: { name: 'p', namespace: 'default' }, spec: { containers: [], ...spec } });
const c = (name: string, requests?: Record<string, string>, restartPolicy?: string) => ({
  name,
  ...(requests === undefined ? {} : { resources: { requests } }),
  ...(restartPolicy === undefined ? {} : { restartPolicy }),
});

describe('podRequests', () => {
  it('should take the max of summed app containers and the largest init container per resource (upstream example)', () => {
    const p = pod({
      initContainers: [c('ic1', { cpu: '2', memory: '1G' }), c('ic2', { cpu: '2', memory: '3G' })],
      containers: [c('c1', { cpu: '2', memory: '1G' }), c('c2', { cpu: '1', memory: '1G' })],
    });
    const r = podRequests(p);
    expect(r.milliCPU).toBe(3000);
    expect(r.memory).toBe(3_000_000_000);
  });

  it('should add pod overhead after the max rule', () => {
    const p = pod({ containers: [c('c1', { cpu: '500m', memory: '64Mi' })], initContainers: [c('i', { cpu: '1' })], overhead: { cpu: '250m', memory: '120Mi' } });
    const r = podRequests(p);
    expect(r.milliCPU).toBe(1250);
    expect(r.memory).toBe(184 * 1024 * 1024);
  });

  it('should count sidecar init containers in the pod total and in later init containers', () => {
    const p = pod({
      initContainers: [c('side', { cpu: '100m' }, 'Always'), c('init', { cpu: '1' })],
      containers: [c('app', { cpu: '200m' })],
    });
    // app + sidecar = 300m; the init container runs next to the sidecar: 1100m.
    expect(podRequests(p).milliCPU).toBe(1100);
  });

  it('should keep extended resources as scalar resources', () => {
    const r = podRequests(pod({ containers: [c('a', { 'nvidia.com/gpu': '2' })] }));
    expect(r.scalar.get('nvidia.com/gpu')).toBe(2);
  });
});

describe('podNonZeroRequests', () => {
  it('should use 100m and 200Mi for containers that request nothing', () => {
    const r = podNonZeroRequests(pod({ containers: [c('a'), c('b', { cpu: '300m' })] }));
    expect(r.milliCPU).toBe(DEFAULT_MILLI_CPU_REQUEST + 300);
    expect(r.memory).toBe(2 * DEFAULT_MEMORY_REQUEST);
    expect(DEFAULT_MEMORY_REQUEST).toBe(209_715_200);
  });

  it('should keep an explicit zero request at zero', () => {
    expect(podNonZeroRequests(pod({ containers: [c('a', { cpu: '0', memory: '0' })] }))).toEqual({ milliCPU: 0, memory: 0 });
  });
});

describe('resourceFromList', () => {
  it('should read cpu as millicores, rounding up, and pods as a count', () => {
    const r = resourceFromList({ cpu: '1.0005', memory: '1Ki', pods: '110', 'ephemeral-storage': '1G' });
    expect(r).toMatchObject({ milliCPU: 1001, memory: 1024, allowedPodNumber: 110, ephemeralStorage: 1e9 });
  });
});

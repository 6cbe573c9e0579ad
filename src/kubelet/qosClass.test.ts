import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { qosClassOf } from './qosClass.ts';

const pod = (containers: Partial<Container>[], init: Partial<Container>[] = []): Pod => ({
  spec: { containers: containers.map((c, i) => ({ name: `c${i}`, ...c })), initContainers: init.map((c, i) => ({ name: `i${i}`, ...c })) },
});

describe('qosClassOf', () => {
  it.each([
    { why: 'no requests or limits', containers: [{}], qos: 'BestEffort' },
    { why: 'limits only (requests default to them), kubia-manual', containers: [{ resources: { limits: { memory: '128Mi', cpu: '500m' } } }], qos: 'Guaranteed' },
    { why: 'requests equal to limits written differently', containers: [{ resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } } }], qos: 'Guaranteed' },
    { why: 'requests below limits', containers: [{ resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '64Mi' } } }], qos: 'Burstable' },
    { why: 'only a memory limit', containers: [{ resources: { limits: { memory: '64Mi' } } }], qos: 'Burstable' },
    { why: 'one container without limits', containers: [{ resources: { limits: { memory: '64Mi', cpu: '1' } } }, {}], qos: 'Burstable' },
    { why: 'only requests', containers: [{ resources: { requests: { cpu: '100m' } } }], qos: 'Burstable' },
    { why: 'zero requests and other resources only', containers: [{ resources: { requests: { cpu: '0', 'ephemeral-storage': '1Gi' } } }], qos: 'BestEffort' },
  ])('should be $qos with $why', ({ containers, qos }) => {
    expect(qosClassOf(pod(containers))).toBe(qos);
  });

  it('should count init containers', () => {
    const g = { resources: { limits: { memory: '64Mi', cpu: '1' } } };
    expect(qosClassOf(pod([g], [g]))).toBe('Guaranteed');
    expect(qosClassOf(pod([g], [{}]))).toBe('Burstable');
  });
});

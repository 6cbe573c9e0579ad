import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { deepFreeze, pod } from '../validation/testObjects.ts';
import { admitPodOnCreate, defaultPod } from './defaultPod.ts';

describe('defaultPod', () => {
  it('should fill the pod-spec and container defaults', () => {
    const out = defaultPod(deepFreeze(pod()));
    expect(out.spec).toEqual({
      containers: [{ name: 'web', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      enableServiceLinks: true,
    });
  });

  it('should default ports, probes and lifecycle handlers', () => {
    const c: Container = {
      name: 'web',
      image: 'nginx',
      ports: [{ containerPort: 80 }],
      livenessProbe: { httpGet: { port: 80 } },
      readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
      lifecycle: { preStop: { httpGet: { port: 'http' } } },
    };
    const out = defaultPod({ ...pod(), spec: { containers: [c] } }).spec!.containers[0]!;
    expect(out.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(out.livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(out.readinessProbe?.periodSeconds).toBe(5);
    expect(out.lifecycle?.preStop?.httpGet).toEqual({ port: 'http', path: '/', scheme: 'HTTP' });
    expect(out.imagePullPolicy).toBe('Always');
  });

  it('should copy limits to missing requests on a Pod', () => {
    const c: Container = { name: 'web', image: 'nginx', resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } } };
    const out = defaultPod({ ...pod(), spec: { containers: [c] } });
    expect(out.spec?.containers[0]?.resources?.requests).toEqual({ cpu: '500m', memory: '1Gi' });
  });

  it('should default volumes without a source to emptyDir and set file modes', () => {
    const out = defaultPod({
      ...pod(),
      spec: { containers: [{ name: 'c', image: 'x' }], volumes: [{ name: 'scratch' }, { name: 's', secret: { secretName: 's' } }, { name: 'h', hostPath: { path: '/x' } }] },
    });
    expect(out.spec?.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 's', secret: { secretName: 's', defaultMode: 420 } },
      { name: 'h', hostPath: { path: '/x', type: '' } },
    ]);
  });

  it('should set host ports under hostNetwork and turn a negative grace period into 1', () => {
    const out = defaultPod({ ...pod(), spec: { hostNetwork: true, terminationGracePeriodSeconds: -5, containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }] } });
    expect(out.spec?.containers[0]?.ports?.[0]?.hostPort).toBe(8080);
    expect(out.spec?.terminationGracePeriodSeconds).toBe(1);
  });

  it('should mirror serviceAccountName into the deprecated serviceAccount and back', () => {
    expect(defaultPod({ ...pod(), spec: { containers: [], serviceAccount: 'old' } }).spec?.serviceAccountName).toBe('old');
    expect(defaultPod({ ...pod(), spec: { containers: [], serviceAccountName: 'new' } }).spec?.serviceAccount).toBe('new');
  });

  it('should keep values that are already set', () => {
    const p: Pod = { ...pod(), spec: { containers: [{ name: 'c', image: 'x', imagePullPolicy: 'Never' }], restartPolicy: 'Never', dnsPolicy: 'Default', terminationGracePeriodSeconds: 0 } };
    const out = defaultPod(p);
    expect(out.spec?.restartPolicy).toBe('Never');
    expect(out.spec?.dnsPolicy).toBe('Default');
    expect(out.spec?.terminationGracePeriodSeconds).toBe(0);
    expect(out.spec?.containers[0]?.imagePullPolicy).toBe('Never');
  });
});

describe('admitPodOnCreate', () => {
  it('should add the service account, priority and the two NoExecute tolerations', () => {
    const out = admitPodOnCreate(deepFreeze(pod()));
    expect(out.spec?.serviceAccountName).toBe('default');
    expect(out.spec?.serviceAccount).toBe('default');
    expect(out.spec?.priority).toBe(0);
    expect(out.spec?.preemptionPolicy).toBe('PreemptLowerPriority');
    expect(out.spec?.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('should not add tolerations the pod already has, nor for a toleration of everything', () => {
    const own = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 };
    const one = admitPodOnCreate({ ...pod(), spec: { containers: [], tolerations: [own] } });
    expect(one.spec?.tolerations).toEqual([own, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
    const all = admitPodOnCreate({ ...pod(), spec: { containers: [], tolerations: [{ operator: 'Exists' }] } });
    expect(all.spec?.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('should leave a named priority class and a mirror pod alone', () => {
    const out = admitPodOnCreate({ ...pod(), metadata: { name: 'm', annotations: { 'kubernetes.io/config.mirror': 'x' } }, spec: { containers: [], priorityClassName: 'high' } });
    expect(out.spec?.serviceAccountName).toBeUndefined();
    expect(out.spec?.priority).toBeUndefined();
  });
});

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const image = fc.constantFrom('nginx', 'nginx:latest', 'nginx:1.25', 'busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', '');
const probe = fc.option(
  fc.record({ httpGet: fc.record({ port: fc.integer({ min: 1, max: 65535 }), path: fc.option(fc.constant('/healthz'), { nil: undefined }) }), periodSeconds: fc.option(fc.nat(30), { nil: undefined }) }, { requiredKeys: ['httpGet'] }),
  { nil: undefined },
);
const container = fc.record(
  {
    name,
    image,
    imagePullPolicy: fc.option(fc.constantFrom('Always', 'Never', 'IfNotPresent'), { nil: undefined }),
    ports: fc.option(fc.array(fc.record({ containerPort: fc.integer({ min: 1, max: 65535 }), protocol: fc.option(fc.constantFrom('TCP', 'UDP'), { nil: undefined }) }, { requiredKeys: ['containerPort'] }), { maxLength: 2 }), { nil: undefined }),
    livenessProbe: probe,
    resources: fc.option(fc.record({ limits: fc.option(fc.record({ cpu: fc.constantFrom('1', '500m') }), { nil: undefined }), requests: fc.option(fc.record({ memory: fc.constant('1Gi') }), { nil: undefined }) }, { requiredKeys: [] }), { nil: undefined }),
  },
  { requiredKeys: ['name', 'image'] },
);
// Random pods, as a client might send them (many fields unset).
const arbitraryPod = fc.record({
  apiVersion: fc.constant('v1'),
  kind: fc.constant('Pod'),
  metadata: fc.record({ name, namespace: fc.constant('default') }),
  spec: fc.record(
    {
      containers: fc.array(container, { minLength: 1, maxLength: 3 }),
      initContainers: fc.option(fc.array(container, { maxLength: 2 }), { nil: undefined }),
      restartPolicy: fc.option(fc.constantFrom('Always', 'OnFailure', 'Never'), { nil: undefined }),
      hostNetwork: fc.option(fc.boolean(), { nil: undefined }),
      terminationGracePeriodSeconds: fc.option(fc.integer({ min: -5, max: 60 }), { nil: undefined }),
      volumes: fc.option(fc.array(fc.record({ name }), { maxLength: 2 }), { nil: undefined }),
      tolerations: fc.option(fc.array(fc.record({ key: fc.constantFrom('a', 'node.kubernetes.io/unreachable'), operator: fc.constant('Exists'), effect: fc.constantFrom('NoExecute', 'NoSchedule') })), { nil: undefined }),
    },
    { requiredKeys: ['containers'] },
  ),
}) as fc.Arbitrary<Pod>;

describe('defaultPod (properties)', () => {
  it('should be idempotent and never mutate its deep-frozen input', () => {
    fc.assert(
      fc.property(arbitraryPod, (p) => {
        const before = structuredClone(p);
        const frozen = deepFreeze(p);
        const once = defaultPod(frozen);
        expect(defaultPod(once)).toEqual(once);
        expect(admitPodOnCreate(admitPodOnCreate(once))).toEqual(admitPodOnCreate(once));
        expect(frozen).toEqual(before);
      }),
    );
  });
});

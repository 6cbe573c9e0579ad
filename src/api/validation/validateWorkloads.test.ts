import { describe, it, expect } from 'vitest';
import { produce } from 'immer';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { ReplicationController } from 'kubernetes-types/core/v1.js';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from '../defaults/defaultApps.ts';
import { defaultReplicationController } from '../defaults/defaultCore.ts';
import { daemonSet, deployment, messages, replicaSet, statefulSet, template } from './testObjects.ts';
import { validateDaemonSet, validateDaemonSetUpdate } from './validateDaemonSet.ts';
import { validateDeployment, validateDeploymentUpdate } from './validateDeployment.ts';
import { validateReplicaSet, validateReplicaSetUpdate, validateReplicationController, validateReplicationControllerUpdate } from './validateReplicaSet.ts';
import { validateStatefulSet, validateStatefulSetUpdate } from './validateStatefulSet.ts';

const MISMATCH = 'spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`';

describe('validateDeployment', () => {
  const errorsOf = (edit: (d: Deployment) => void): string[] => messages(validateDeployment(defaultDeployment(produce(deployment(), edit))));

  it('should accept a defaulted deployment', () => {
    expect(errorsOf(() => {})).toEqual([]);
    expect(errorsOf((d) => void (d.spec!.strategy = { type: 'Recreate' }))).toEqual([]);
  });

  it.each<[string, (d: Deployment) => void, string[]]>([
    [
      'a missing selector (a nil selector matches nothing, so the template mismatches too, as upstream)',
      (d) => void delete (d.spec as { selector?: unknown }).selector,
      ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`'],
    ],
    ['an empty selector', (d) => void (d.spec!.selector = {}), ['spec.selector: Invalid value: {}: empty selector is invalid for deployment']],
    ['template labels the selector does not match', (d) => void (d.spec!.template = template({ app: 'other' })), [MISMATCH]],
    ['negative replicas', (d) => void (d.spec!.replicas = -1), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    ['a template restartPolicy other than Always', (d) => void (d.spec!.template.spec!.restartPolicy = 'Never'), ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']],
    ['activeDeadlineSeconds in the template', (d) => void (d.spec!.template.spec!.activeDeadlineSeconds = 5), ['spec.template.spec.activeDeadlineSeconds: Invalid value: 5: activeDeadlineSeconds in ReplicaSet is not Supported']],
    ['an invalid template container', (d) => void delete d.spec!.template.spec!.containers[0]!.image, ['spec.template.spec.containers[0].image: Required value']],
    [
      'both maxUnavailable and maxSurge zero',
      (d) => void (d.spec!.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'],
    ],
    [
      'percentages that are not',
      (d) => void (d.spec!.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25', maxSurge: '150%' } }),
      ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"25\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"],
    ],
    ['maxUnavailable over 100%', (d) => void (d.spec!.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '110%', maxSurge: 1 } }), ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "110%": must not be greater than 100%']],
    ['rollingUpdate with Recreate', (d) => void (d.spec!.strategy = { type: 'Recreate', rollingUpdate: {} }), ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]],
    ['an unknown strategy', (d) => void (d.spec!.strategy = { type: 'BlueGreen' }), ['spec.strategy.type: Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"']],
    ['a progress deadline not above minReadySeconds', (d) => void Object.assign(d.spec!, { minReadySeconds: 600, progressDeadlineSeconds: 600 }), ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds']],
  ])('should report %s', (_what, edit, want) => {
    expect(errorsOf(edit)).toEqual(want);
  });

  it('should make the selector immutable on update, but not the template or replicas', () => {
    const old = defaultDeployment(produce(deployment(), (d) => void (d.metadata!.resourceVersion = '1')));
    const scaled = defaultDeployment(produce(old, (d) => void Object.assign(d.spec!, { replicas: 5, template: template({ app: 'web', v: '2' }) })));
    expect(validateDeploymentUpdate(scaled, old)).toEqual([]);
    const moved = produce(old, (d) => {
      d.spec!.selector = { matchLabels: { app: 'web', v: '2' } };
      d.spec!.template.metadata!.labels = { app: 'web', v: '2' };
    });
    expect(messages(validateDeploymentUpdate(moved, old))).toEqual(['spec.selector: Invalid value: {"matchLabels":{"app":"web","v":"2"}}: field is immutable']);
  });
});

describe('validateReplicaSet', () => {
  const errorsOf = (edit: (r: ReplicaSet) => void): string[] => messages(validateReplicaSet(defaultReplicaSet(produce(replicaSet(), edit))));

  it('should accept a defaulted replica set and report what a deployment does', () => {
    expect(errorsOf(() => {})).toEqual([]);
    expect(errorsOf((r) => void (r.spec!.template = template({ app: 'other' })))).toEqual([MISMATCH]);
    expect(errorsOf((r) => void (r.spec!.selector = {}))).toEqual(['spec.selector: Invalid value: {}: empty selector is invalid for deployment']);
    expect(errorsOf((r) => void (r.spec!.selector = { matchExpressions: [{ key: 'app', operator: 'Like' }] }))).toEqual([
      'spec.selector.matchExpressions[0].operator: Invalid value: "Like": not a valid selector operator',
      'spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"Like"}]}: invalid label selector',
    ]);
  });

  it('should make the selector immutable on update', () => {
    const old = defaultReplicaSet(produce(replicaSet(), (r) => void (r.metadata!.resourceVersion = '1')));
    const next = produce(old, (r) => void (r.spec!.selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] }));
    expect(messages(validateReplicaSetUpdate(next, old))[0]).toMatch(/^spec\.selector: Invalid value: .*: field is immutable$/);
  });
});

describe('validateReplicationController', () => {
  const rc = (): ReplicationController => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc', namespace: 'default' }, spec: { template: template() } });

  it('should accept a defaulted controller whose selector came from its template', () => {
    expect(validateReplicationController(defaultReplicationController(rc()))).toEqual([]);
  });

  it('should report a mismatch, a missing template and a forbidden deadline', () => {
    const mismatch = defaultReplicationController(produce(rc(), (r) => void (r.spec!.selector = { app: 'other' })));
    expect(messages(validateReplicationController(mismatch))).toEqual(['spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`']);
    expect(messages(validateReplicationController({ ...rc(), spec: {} }))).toEqual(['spec.selector: Required value', 'spec.template: Required value']);
    const deadline = defaultReplicationController(produce(rc(), (r) => void (r.spec!.template!.spec!.activeDeadlineSeconds = 3)));
    expect(messages(validateReplicationController(deadline))).toEqual(['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported']);
  });

  it('should let the selector change on update', () => {
    const old = defaultReplicationController(produce(rc(), (r) => void (r.metadata!.resourceVersion = '1')));
    expect(validateReplicationControllerUpdate(produce(old, (r) => void (r.spec!.selector = { app: 'web' })), old)).toEqual([]);
  });
});

describe('validateDaemonSet', () => {
  const errorsOf = (edit: (d: DaemonSet) => void): string[] => messages(validateDaemonSet(defaultDaemonSet(produce(daemonSet(), edit))));

  it('should accept a defaulted daemon set', () => {
    expect(errorsOf(() => {})).toEqual([]);
  });

  it.each<[string, (d: DaemonSet) => void, string[]]>([
    ['a missing selector', (d) => void delete (d.spec as { selector?: unknown }).selector, ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`']],
    ['an empty selector', (d) => void (d.spec!.selector = {}), ['spec.selector: Invalid value: {}: empty selector is invalid for daemonset']],
    ['both surge and unavailable', (d) => void (d.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } }), ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero']],
    ['neither surge nor unavailable', (d) => void (d.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }), ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0']],
    ['an unknown strategy', (d) => void (d.spec!.updateStrategy = { type: 'Surge' }), ['spec.updateStrategy.type: Unsupported value: "Surge": supported values: "RollingUpdate", "OnDelete"']],
    ['restartPolicy OnFailure', (d) => void (d.spec!.template.spec!.restartPolicy = 'OnFailure'), ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"']],
  ])('should report %s', (_what, edit, want) => {
    expect(errorsOf(edit)).toEqual(want);
  });

  it('should make the selector immutable on update', () => {
    const old = defaultDaemonSet(produce(daemonSet(), (d) => void (d.metadata!.resourceVersion = '1')));
    const next = produce(old, (d) => void (d.spec!.selector = { matchLabels: { app: 'web2' } }));
    expect(messages(validateDaemonSetUpdate(next, old))).toContain('spec.selector: Invalid value: {"matchLabels":{"app":"web2"}}: field is immutable');
  });
});

describe('validateStatefulSet', () => {
  const errorsOf = (edit: (s: StatefulSet) => void): string[] => messages(validateStatefulSet(defaultStatefulSet(produce(statefulSet(), edit))));

  it('should accept a defaulted stateful set whose containers mount a claim template', () => {
    expect(
      errorsOf((s) => {
        s.spec!.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }];
        s.spec!.template.spec!.containers[0]!.volumeMounts = [{ name: 'data', mountPath: '/data' }];
      }),
    ).toEqual([]);
  });

  it.each<[string, (s: StatefulSet) => void, string[]]>([
    ['a name with dots (DNS-1123 label required)', (s) => void (s.metadata!.name = 'web.v1'), ['metadata.name: Invalid value: "web.v1": must not contain dots']],
    ['an unknown pod management policy', (s) => void (s.spec!.podManagementPolicy = 'Random'), ['spec.podManagementPolicy: Invalid value: "Random": must be \'OrderedReady\' or \'Parallel\'']],
    ['a negative partition', (s) => void (s.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }), ['spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0']],
    ['an unknown retention policy', (s) => void (s.spec!.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep' }), ['spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"']],
    ['an empty selector', (s) => void (s.spec!.selector = {}), ['spec.selector: Invalid value: {}: empty selector is invalid for statefulset']],
    ['template labels the selector does not match', (s) => void (s.spec!.template = template({ app: 'other' })), [MISMATCH]],
    ['activeDeadlineSeconds in the template', (s) => void (s.spec!.template.spec!.activeDeadlineSeconds = 5), ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported']],
  ])('should report %s', (_what, edit, want) => {
    expect(errorsOf(edit)).toEqual(want);
  });

  it('should only let replicas, template, strategy and the like change on update', () => {
    const old = defaultStatefulSet(produce(statefulSet(), (s) => void (s.metadata!.resourceVersion = '1')));
    expect(validateStatefulSetUpdate(produce(old, (s) => void Object.assign(s.spec!, { replicas: 3, minReadySeconds: 5 })), old)).toEqual([]);
    expect(messages(validateStatefulSetUpdate(produce(old, (s) => void (s.spec!.serviceName = 'other')), old))).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
});

import { describe, it, expect } from 'vitest';
import { daemonSet, deepFreeze, deployment, replicaSet, statefulSet } from '../validation/testObjects.ts';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './defaultApps.ts';

const POD_SPEC_DEFAULTS = { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' };

describe('defaultDeployment', () => {
  it('should default replicas, a 25%/25% rolling update, history and progress deadline', () => {
    const spec = defaultDeployment(deepFreeze(deployment())).spec;
    expect(spec?.replicas).toBe(1);
    expect(spec?.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(spec?.revisionHistoryLimit).toBe(10);
    expect(spec?.progressDeadlineSeconds).toBe(600);
  });

  it('should give the template pod-spec defaults but not the Pod-only ones', () => {
    const spec = defaultDeployment(deployment()).spec?.template.spec;
    expect(spec).toMatchObject(POD_SPEC_DEFAULTS);
    expect(spec?.enableServiceLinks).toBeUndefined();
    expect(spec?.serviceAccountName).toBeUndefined();
    expect(spec?.tolerations).toBeUndefined();
    expect(spec?.containers[0]?.imagePullPolicy).toBe('IfNotPresent');
  });

  it('should not add rollingUpdate to a Recreate strategy and keep a partial one', () => {
    const d = deployment();
    expect(defaultDeployment({ ...d, spec: { ...d.spec!, strategy: { type: 'Recreate' } } }).spec?.strategy).toEqual({ type: 'Recreate' });
    const partial = defaultDeployment({ ...d, spec: { ...d.spec!, strategy: { rollingUpdate: { maxSurge: 0 } } } }).spec?.strategy;
    expect(partial).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '25%' } });
  });
});

describe('defaultReplicaSet', () => {
  it('should default replicas to 1 and keep 0', () => {
    expect(defaultReplicaSet(replicaSet()).spec?.replicas).toBe(1);
    const rs = replicaSet();
    expect(defaultReplicaSet({ ...rs, spec: { ...rs.spec!, replicas: 0 } }).spec?.replicas).toBe(0);
  });
});

describe('defaultDaemonSet', () => {
  it('should default a rolling update with maxUnavailable 1 and maxSurge 0', () => {
    const spec = defaultDaemonSet(daemonSet()).spec;
    expect(spec?.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(spec?.revisionHistoryLimit).toBe(10);
  });
});

describe('defaultStatefulSet', () => {
  it('should default policy, partition, retention, replicas and history', () => {
    const s = statefulSet();
    const spec = defaultStatefulSet({ ...s, spec: { ...s.spec!, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }] } }).spec;
    expect(spec?.podManagementPolicy).toBe('OrderedReady');
    expect(spec?.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(spec?.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(spec?.replicas).toBe(1);
    expect(spec?.revisionHistoryLimit).toBe(10);
    expect(spec?.volumeClaimTemplates?.[0]).toEqual({ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
  });

  it('should leave OnDelete without a rollingUpdate', () => {
    const s = statefulSet();
    expect(defaultStatefulSet({ ...s, spec: { ...s.spec!, updateStrategy: { type: 'OnDelete' } } }).spec?.updateStrategy).toEqual({ type: 'OnDelete' });
  });
});

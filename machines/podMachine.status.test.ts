import { describe, expect, it } from 'vitest';
import { derivePodStatus } from '../src/kubelet/podStatus.ts';
import { makePod, runPod } from './testing/podHarness.ts';

const fast = { pull: { seconds: 0 }, startSeconds: 0 } as const;

describe('derivePodStatus from a pod machine', () => {
  it('should write the full status of a running, ready pod', () => {
    const pod = makePod({ containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5 }, resources: { limits: { cpu: '500m', memory: '128Mi' } } }] }, { web: { pull: { seconds: 2 }, startSeconds: 1 } });
    const p = runPod(pod);
    p.advance(10);
    const status = p.status();
    expect(status).toEqual({
      phase: 'Running',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z' },
        { type: 'Initialized', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z' },
        { type: 'Ready', status: 'True', lastTransitionTime: '2025-01-01T00:00:08Z' },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: '2025-01-01T00:00:08Z' },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z' },
      ],
      hostIP: '10.0.0.1',
      hostIPs: [{ ip: '10.0.0.1' }],
      podIP: '10.244.0.5',
      podIPs: [{ ip: '10.244.0.5' }],
      startTime: '2025-01-01T00:00:00Z',
      qosClass: 'Guaranteed',
      containerStatuses: [
        {
          name: 'web',
          state: { running: { startedAt: '2025-01-01T00:00:03Z' } },
          lastState: {},
          ready: true,
          restartCount: 0,
          image: 'docker.io/library/nginx:1.27',
          imageID: expect.stringMatching(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/) as string,
          started: true,
          containerID: expect.stringMatching(/^containerd:\/\/[0-9a-f]{64}$/) as string,
        },
      ],
    });
  });

  it('should be deterministic: the same machine history gives the same status, IDs included', () => {
    const mk = () => {
      const p = runPod(makePod({ containers: [{ name: 'a', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2; exit 1'] }] }, { a: fast }));
      p.advance(30);
      return p.status();
    };
    expect(mk()).toEqual(mk());
    const s = mk().containerStatuses?.[0];
    expect(s?.containerID).not.toBe(s?.lastState?.terminated?.containerID);
  });

  it('should explain CrashLoopBackOff, ImagePullBackOff and ErrImagePull like the kubelet', () => {
    const crash = runPod(makePod({ containers: [{ name: 'a', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2; exit 1'] }] }, { a: fast }));
    crash.advance(5);
    const c = crash.status().containerStatuses?.[0];
    expect(c?.state?.waiting).toEqual({ reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=a pod=web-1_default(uid-web-1)' });
    expect(c?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error', startedAt: '2025-01-01T00:00:02Z', finishedAt: '2025-01-01T00:00:04Z' });
    expect(c?.restartCount).toBe(1);
    expect(crash.status().conditions?.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [a]' });
    expect(crash.events.find((e) => e.reason === 'BackOff')?.message).toBe('Back-off restarting failed container a in pod web-1_default(uid-web-1)');
    const pull = runPod(makePod({ containers: [{ name: 'a', image: 'nope:1' }] }, { a: { pull: { seconds: 1, fail: true } } }));
    pull.advance(1);
    expect(pull.status().containerStatuses?.[0]?.state?.waiting?.reason).toBe('ErrImagePull');
    expect(pull.status().containerStatuses?.[0]?.state?.waiting?.message).toContain('failed to resolve reference "docker.io/library/nope:1"');
    pull.advance(1);
    expect(pull.status().containerStatuses?.[0]?.state?.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nope:1"' });
    expect(pull.status().containerStatuses?.[0]?.imageID).toBe('');
  });

  it('should report a completed Job pod as Succeeded with PodCompleted conditions', () => {
    const p = runPod(makePod({ restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox:1.36', command: ['sh', '-c', 'echo done'] }] }, { job: fast }));
    p.advance(1);
    const status = p.status();
    expect(status.phase).toBe('Succeeded');
    expect(status.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(status.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(status.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'True', reason: 'PodCompleted' });
    expect(status.qosClass).toBe('BestEffort');
  });

  it('should keep conditions set by others and honour readiness gates', () => {
    const pod = makePod({ readinessGates: [{ conditionType: 'example.com/lb' }], containers: [{ name: 'web', image: 'nginx:1.27' }] }, { web: fast });
    const p = runPod(pod);
    p.advance(1);
    expect(p.status().conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ReadinessGatesNotReady', message: 'corresponding condition of pod readiness gate "example.com/lb" does not exist.' });
    const gated = { ...pod, status: { conditions: [{ type: 'example.com/lb', status: 'True' }, { type: 'PodScheduled', status: 'True', lastTransitionTime: '2024-12-31T23:59:59Z' }] } };
    const status = derivePodStatus(p.snapshot(), gated);
    expect(status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(status.conditions?.find((c) => c.type === 'example.com/lb')?.status).toBe('True');
    expect(status.conditions?.find((c) => c.type === 'PodScheduled')?.lastTransitionTime).toBe('2024-12-31T23:59:59Z');
    expect(status.podIP).toBeUndefined();
  });

  it('should show the final phase of a deleted pod from its finished machine', () => {
    const p = runPod(makePod({ containers: [{ name: 'web', image: 'nginx:1.27' }] }, { web: { ...fast, onTerm: { exitCode: 0 } } }));
    p.advance(1);
    p.send({ type: 'pod.delete' });
    expect(p.snapshot().status).toBe('done');
    expect(p.status().phase).toBe('Succeeded');
  });
});

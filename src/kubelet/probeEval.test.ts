import { describe, expect, it } from 'vitest';
import { containerConfig } from './containerConfig.ts';
import { countResult, firstProbeAt, httpStatusOk, probeAnswerAt, reachedFailure, reachedSuccess, unhealthyMessage } from './probeEval.ts';
import { resolveBehavior } from './workloadBehavior.ts';

describe('probeEval', () => {
  it('should count 200–399 as HTTP success (seeds 4.29 boundaries)', () => {
    expect([199, 200, 399, 400].map(httpStatusOk)).toEqual([false, true, true, false]);
  });

  it('should apply the upstream probe defaults', () => {
    const cfg = containerConfig({ name: 'c', readinessProbe: { exec: { command: ['x'] } }, livenessProbe: { httpGet: { port: 80 }, successThreshold: 3 } }, 'app', 'Always', 30_000, resolveBehavior({}, { name: 'c' }));
    expect(cfg.probes.readiness).toEqual({ handler: 'exec', initialDelayMs: 0, periodMs: 10_000, timeoutMs: 1000, successThreshold: 1, failureThreshold: 3, terminationGraceMs: undefined });
    expect(cfg.probes.liveness?.successThreshold).toBe(1);
    expect(containerConfig({ name: 'i', readinessProbe: { exec: { command: ['x'] } } }, 'init', 'Always', 30_000, resolveBehavior({}, { name: 'i' })).probes).toEqual({});
  });

  it('should answer like the app: HTTP status for httpGet, readiness for readiness probes, scripts first', () => {
    const b = resolveBehavior({ metadata: { annotations: { 'behavior.kubeactors.dev/c': 'http: { status: 503 }\nreadiness: { delaySeconds: 10 }\nprobes: { startup: [{ afterSeconds: 0, ok: false }] }' } } }, { name: 'c' });
    const http = { handler: 'httpGet', initialDelayMs: 0, periodMs: 10_000, timeoutMs: 1000, successThreshold: 1, failureThreshold: 3, terminationGraceMs: undefined } as const;
    expect(probeAnswerAt(b, 'liveness', http, 0)).toEqual({ ok: false, message: 'HTTP probe failed with statuscode: 503' });
    expect(probeAnswerAt(b, 'liveness', { ...http, handler: 'exec' }, 0)).toEqual({ ok: true, message: '' });
    expect(probeAnswerAt(b, 'readiness', { ...http, handler: 'tcpSocket' }, 5000)).toEqual({ ok: false, message: 'dial tcp: connect: connection refused' });
    expect(probeAnswerAt(b, 'readiness', http, 10_000).ok).toBe(true);
    expect(probeAnswerAt(b, 'startup', { ...http, handler: 'grpc' }, 0)).toEqual({ ok: false, message: 'service unhealthy' });
    expect(unhealthyMessage('startup', 'x')).toBe('Startup probe failed: x');
  });

  it('should probe on the grid from the start plus the initial delay, and count thresholds', () => {
    const p = { handler: 'exec', initialDelayMs: 15_000, periodMs: 10_000, timeoutMs: 1000, successThreshold: 2, failureThreshold: 2, terminationGraceMs: undefined } as const;
    expect([0, 15_000, 15_001, 25_000, 26_000].map((now) => firstProbeAt(p, 0, now))).toEqual([15_000, 15_000, 25_000, 25_000, 35_000]);
    let s = { ok: 0, fail: 0, next: 0 };
    s = countResult(s, true, 10);
    expect(reachedSuccess(s, p)).toBe(false);
    s = countResult(s, true, 10);
    expect(reachedSuccess(s, p)).toBe(true);
    s = countResult(countResult(s, false, 10), false, 10);
    expect(s).toEqual({ ok: 0, fail: 2, next: 40 });
    expect(reachedFailure(s, p)).toBe(true);
  });
});

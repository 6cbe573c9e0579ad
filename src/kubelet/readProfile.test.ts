import { describe, expect, it } from 'vitest';
import { readProfile } from './readProfile.ts';

describe('readProfile', () => {
  it('should convert every field to milliseconds, bytes and millicores', () => {
    const { layer, errors } = readProfile({
      pull: { seconds: 2.5 },
      startSeconds: 1,
      readiness: { delaySeconds: 5, flapping: { upSeconds: 30, downSeconds: 10 } },
      run: { seconds: 60, exitCode: 3 },
      onTerm: { seconds: 2 },
      probes: { liveness: { steps: [{ afterSeconds: 10, status: 500 }], repeatEverySeconds: 20 }, startup: [{ afterSeconds: 0, ok: false }, { afterSeconds: 15, ok: true }] },
      hooks: { preStop: { seconds: 4, exitCode: 1 } },
      resources: { cpu: [{ afterSeconds: 0, value: '250m' }], memory: [{ afterSeconds: 30, value: '1Gi' }] },
      http: { body: 'hi' },
      logs: { lines: [{ afterSeconds: 1, line: 'tick' }], repeatEverySeconds: 5 },
    });
    expect(errors).toEqual([]);
    expect(layer).toEqual({
      pull: { ms: 2500, error: undefined },
      startMs: 1000,
      readiness: { steps: [{ atMs: 0, value: false }, { atMs: 5000, value: true }, { atMs: 35_000, value: false }], repeat: { fromMs: 5000, everyMs: 40_000 } },
      run: { ms: 60_000, exitCode: 3 },
      term: { ms: 2000, exitCode: 143 },
      probes: {
        liveness: { steps: [{ atMs: 0, value: { ok: true } }, { atMs: 10_000, value: { status: 500 } }], repeat: { fromMs: 10_000, everyMs: 20_000 } },
        startup: { steps: [{ atMs: 0, value: { ok: false } }, { atMs: 15_000, value: { ok: true } }] },
      },
      hooks: { preStop: { ms: 4000, exitCode: 1 } },
      cpuMillis: { steps: [{ atMs: 0, value: 250 }] },
      memoryBytes: { steps: [{ atMs: 0, value: 0 }, { atMs: 30_000, value: 2 ** 30 }] },
      http: { status: 200, body: 'hi' },
      logs: { lines: [{ atMs: 1000, line: 'tick' }], repeat: { fromIndex: 0, everyMs: 5000 } },
    });
  });

  it('should name every problem with its field path', () => {
    const { errors } = readProfile({
      bogus: 1,
      pull: { fail: 3 },
      readiness: { flapping: { upSeconds: 0 } },
      probes: { liveness: [{ ok: true, status: 200, afterSeconds: 1 }, { afterSeconds: -1 }], readiness: [] },
      resources: { memory: [{ afterSeconds: 0, value: 'lots' }] },
      onTerm: { exitCode: 256 },
      logs: { lines: [{ afterSeconds: 0, line: 'a' }, { afterSeconds: 9, line: 3 }], repeatEverySeconds: 5 },
      hooks: { postStart: 'now' },
    });
    expect(errors).toEqual([
      'bogus: unknown field (expected one of pull, startSeconds, readiness, run, onTerm, probes, hooks, resources, http, logs)',
      'pull.fail: must be true, false or an error message',
      'readiness.flapping.upSeconds: must be greater than 0',
      'readiness.flapping.downSeconds: required',
      'onTerm.exitCode: must be an integer exit code between 0 and 255',
      'probes.liveness[1].afterSeconds: must be a number of seconds >= 0',
      'probes.liveness[0]: must set exactly one of ok, status',
      'probes.readiness: must be a non-empty list of steps',
      'hooks.postStart: must be an object',
      'resources.memory[0].value: must be a quantity such as "250m" or "128Mi"',
      'logs.repeatEverySeconds: must be longer than the span of the steps',
      'logs.lines[1].line: must be a string',
    ]);
  });
});

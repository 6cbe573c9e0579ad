import { describe, expect, it } from 'vitest';
import { formatGoDuration } from './goDuration.ts';
import { defaultPullPolicy, imageMatches, parseImageRef } from './imageRef.ts';
import { parseQuantity } from './quantity.ts';
import { containerIdOf, hex64, imageIdOf } from './runtimeIds.ts';

describe('parseQuantity', () => {
  it.each([
    ['128Mi', 134_217_728],
    ['1Gi', 2 ** 30],
    ['250m', 0.25],
    ['1', 1],
    ['1.5', 1.5],
    ['2k', 2000],
    ['1e3', 1000],
    ['500M', 5e8],
  ])('should read %s as %d', (q, n) => {
    expect(parseQuantity(q)).toBeCloseTo(n, 9);
  });

  it('should refuse what is not a quantity', () => {
    expect(parseQuantity('lots')).toBeUndefined();
    expect(parseQuantity('12Qi')).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
    expect(parseQuantity(3)).toBe(3);
  });
});

describe('imageRef', () => {
  it('should apply Docker Hub defaults', () => {
    expect(parseImageRef('nginx').full).toBe('docker.io/library/nginx:latest');
    expect(parseImageRef('luksa/kubia:v1').full).toBe('docker.io/luksa/kubia:v1');
    expect(parseImageRef('registry.k8s.io/pause:3.9').full).toBe('registry.k8s.io/pause:3.9');
    expect(parseImageRef('localhost:5000/app').full).toBe('localhost:5000/app:latest');
    expect(parseImageRef('nginx@sha256:abc')).toMatchObject({ tag: undefined, digest: 'sha256:abc', full: 'docker.io/library/nginx@sha256:abc' });
  });

  it('should match repository-wide patterns against any tag, tagged patterns exactly', () => {
    expect(imageMatches('nginx', 'docker.io/library/nginx:1.27')).toBe(true);
    expect(imageMatches('nginx:1.27', 'nginx:1.26')).toBe(false);
    expect(imageMatches('nginx:1.27', 'docker.io/library/nginx:1.27')).toBe(true);
    expect(imageMatches('localhost:5000/app', 'localhost:5000/app:2')).toBe(true);
    expect(imageMatches('busybox', 'nginx')).toBe(false);
  });

  it('should default the pull policy like the API server', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.27')).toBe('IfNotPresent');
    expect(defaultPullPolicy('nginx@sha256:abc')).toBe('IfNotPresent');
  });
});

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [10_000, '10s'],
    [1500, '1.5s'],
    [80_000, '1m20s'],
    [300_000, '5m0s'],
    [3_600_000, '1h0m0s'],
  ])('should format %d ms as %s', (ms, s) => {
    expect(formatGoDuration(ms)).toBe(s);
  });
});

describe('runtimeIds', () => {
  it('should derive stable 64-hex ids, different per instance', () => {
    expect(hex64('a')).toMatch(/^[0-9a-f]{64}$/);
    expect(hex64('a')).toBe(hex64('a'));
    expect(hex64('a')).not.toBe(hex64('b'));
    expect(containerIdOf('uid', 'app', 0)).not.toBe(containerIdOf('uid', 'app', 1));
    expect(imageIdOf('nginx:1.27')).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(imageIdOf('nginx@sha256:abc')).toBe('docker.io/library/nginx@sha256:abc');
  });
});

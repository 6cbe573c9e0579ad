import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BEHAVIOR, findImageProfile, resolveBehavior } from './workloadBehavior.ts';
import type { ImageProfiles } from './workloadBehavior.ts';

const pod = (annotations: Record<string, string> = {}): Pod => ({ metadata: { name: 'p', namespace: 'default', annotations }, spec: { containers: [] } });
const c = (extra: Partial<Container> = {}): Container => ({ name: 'app', image: 'luksa/kubia', ...extra });

const profiles: ImageProfiles = {
  'luksa/kubia': { http: { body: "You've hit {{hostname}}\n" }, readiness: { delaySeconds: 5 } },
  'luksa/kubia:v2': { http: { body: 'v2 {{hostname}}' } },
  'registry.local/bad': { run: 'sometimes' } as never,
};

describe('resolveBehavior', () => {
  it('should default to a container that pulls fast, starts, is ready and runs for ever', () => {
    const b = resolveBehavior(pod(), c({ image: 'nginx' }));
    expect(b).toBe(DEFAULT_BEHAVIOR);
    expect(b).toMatchObject({ run: undefined, pull: { ms: 1000, error: undefined }, http: { status: 200 } });
  });

  it('should take the image profile, exact tags before repository-wide keys', () => {
    expect(resolveBehavior(pod(), c(), profiles).http.body).toBe("You've hit {{hostname}}\n");
    expect(resolveBehavior(pod(), c({ image: 'docker.io/luksa/kubia:v2' }), profiles).http.body).toBe('v2 {{hostname}}');
    expect(resolveBehavior(pod(), c({ image: 'luksa/kubia:v3' }), profiles).sources).toEqual(['image', 'default']);
    expect(findImageProfile(profiles, 'nginx')).toBeUndefined();
  });

  it('should layer annotation over image profile over command idioms over the default, field by field', () => {
    const b = resolveBehavior(pod({ 'behavior.kubeactors.dev/app': 'run: { seconds: 30, exitCode: 2 }' }), c({ command: ['sh', '-c', 'echo hi; sleep 5'] }), profiles);
    expect(b.sources).toEqual(['annotation', 'image', 'command', 'default']);
    expect(b.run).toEqual({ ms: 30_000, exitCode: 2 });
    expect(b.logs.lines).toEqual([{ atMs: 0, line: 'hi' }]);
    expect(b.readiness.steps).toEqual([{ atMs: 0, value: false }, { atMs: 5000, value: true }]);
    expect(b.pull).toEqual(DEFAULT_BEHAVIOR.pull);
  });

  it('should read the annotation as JSON or YAML', () => {
    const json = resolveBehavior(pod({ 'behavior.kubeactors.dev/app': '{"pull":{"seconds":3},"onTerm":"ignore"}' }), c({ image: 'x' }));
    const yaml = resolveBehavior(pod({ 'behavior.kubeactors.dev/app': 'pull:\n  seconds: 3\nonTerm: ignore\n' }), c({ image: 'x' }));
    expect(json.pull.ms).toBe(3000);
    expect(json.term).toBeUndefined();
    expect(yaml.pull).toEqual(json.pull);
    expect(yaml.term).toEqual(json.term);
  });

  it('should report an invalid annotation as a config error with the field and the problem', () => {
    const bad = resolveBehavior(pod({ 'behavior.kubeactors.dev/app': '{"run":{"secnds":3},"http":{"status":99}}' }), c());
    expect(bad.configError).toBe(
      'invalid annotation "behavior.kubeactors.dev/app": run.secnds: unknown field (expected one of seconds, exitCode); run.seconds: required (or run: forever); http.status: must be an HTTP status code between 100 and 599',
    );
    expect(resolveBehavior(pod({ 'behavior.kubeactors.dev/app': 'run: [' }), c()).configError).toMatch(/^invalid annotation "behavior.kubeactors.dev\/app": /);
    expect(resolveBehavior(pod({ 'behavior.kubeactors.dev/app': '42' }), c()).configError).toBe('invalid annotation "behavior.kubeactors.dev/app": must be an object (a WorkloadProfile)');
    expect(resolveBehavior(pod(), c({ image: 'registry.local/bad:1' }), profiles).configError).toContain('invalid image profile "registry.local/bad"');
  });

  it('should ignore annotations for other containers', () => {
    expect(resolveBehavior(pod({ 'behavior.kubeactors.dev/other': 'nonsense: 1' }), c({ image: 'x' })).configError).toBeUndefined();
  });

  it('should fail pulls of unknown images under a known-images-only policy', () => {
    const policy = { knownImagesOnly: true, known: ['nginx', 'busybox:1.36'] };
    expect(resolveBehavior(pod(), c({ image: 'nginx:1.27' }), undefined, policy).pull.error).toBeUndefined();
    expect(resolveBehavior(pod(), c({ image: 'busybox:1.36' }), undefined, policy).pull.error).toBeUndefined();
    expect(resolveBehavior(pod(), c({ image: 'busybox:1.35' }), undefined, policy).pull.error).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/busybox:1.35": failed to resolve reference "docker.io/library/busybox:1.35": docker.io/library/busybox:1.35: not found',
    );
    expect(resolveBehavior(pod({ 'behavior.kubeactors.dev/app': 'pull: { fail: true }' }), c({ image: 'x:1' })).pull.error).toContain('docker.io/library/x:1: not found');
  });

  it('should share one behaviour object between pods with the same sources', () => {
    const a = resolveBehavior(pod(), c({ command: ['sleep', '60'] }), profiles);
    const b = resolveBehavior({ ...pod(), metadata: { name: 'q' } }, c({ command: ['sleep', '60'] }), profiles);
    expect(a).toBe(b);
  });
});

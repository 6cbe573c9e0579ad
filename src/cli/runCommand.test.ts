import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from './main.ts';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s), isTTY: false });
  return { code, out, err };
}

describe('kubeactors run', () => {
  it('should print byte-identical reports for the same manifests and seed', async () => {
    const a = await run(['run', 'examples/guestbook', '--seed', '7']);
    const b = await run(['run', 'examples/guestbook', '--seed', '7']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out).toContain('== replicationcontrollers (v1 ReplicationController)');
    expect(a.out).toContain('== Actors (current state)');
    expect(a.out).toContain('kube-apiserver: serving');
  });

  it('should print every object as one v1 List for -o json and -o yaml', async () => {
    const json = await run(['run', 'examples/guestbook', '-o', 'json']);
    const list = JSON.parse(json.out) as { apiVersion: string; kind: string; items: { kind: string }[] };
    expect(list.apiVersion).toBe('v1');
    expect(list.kind).toBe('List');
    expect(list.items.some((i) => i.kind === 'Service')).toBe(true);
    expect(list.items.some((i) => i.kind === 'Namespace')).toBe(true);
    const yaml = await run(['run', 'examples/guestbook', '-o', 'yaml']);
    expect((parse(yaml.out) as { items: unknown[] }).items.length).toBe(list.items.length);
  });

  it('should run for a given duration of cluster time', async () => {
    const r = await run(['run', 'examples/guestbook', '--for', '2m']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('(+2m0s since start)');
  });

  it('should exit 1 naming the file, document and field of a bad manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeactors-cli-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 70000\n');
    const r = await run(['run', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error applying object 2 (Service "web")');
    expect(r.err).toContain('spec.ports[0].port: Invalid value: 70000');
    const syntax = join(dir, 'syntax.yaml');
    writeFileSync(syntax, 'apiVersion: v1\nkind: [\n');
    const s = await run(['run', syntax]);
    expect(s.code).toBe(1);
    expect(s.err).toContain(`${syntax}: document 1`);
    expect((await run(['run', join(dir, 'missing.yaml')])).err).toContain('does not exist');
    expect((await run(['run', 'examples/guestbook', '-o', 'xml'])).code).toBe(1);
    expect((await run(['run', 'examples/guestbook', '--for', 'soon'])).err).toContain('invalid duration "soon"');
  });
});

describe('kubeactors run --decisions', () => {
  it("should print the scheduler's decision record per pod, node and plugin", async () => {
    const r = await run(['run', 'examples/guestbook', '--decisions']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/== Scheduling decision for pod default\/frontend-[a-z0-9]{5}\nPod default\/frontend-[a-z0-9]{5}: scheduled on node-\d/);
    expect(r.out).toContain('NODE     PLUGIN              FILTER   SCORE   NORMALIZED   FINAL');
  });
});

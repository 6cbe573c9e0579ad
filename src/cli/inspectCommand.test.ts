import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClusterInspection } from '../inspect/inspectCluster.ts';
import { inspectCommand } from './inspectCommand.ts';

describe('kubeactors inspect', () => {
  it('should apply the manifests, serve the inspector until stopped, and exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeactors-inspect-'));
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: demo, namespace: default }\ndata: { a: "1" }\n');
    const stop = new AbortController();
    let out = '';
    let err = '';
    const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s) };
    try {
      const done = inspectCommand([dir], { port: '0', seed: '3', speed: '10' }, io, stop.signal);
      for (let i = 0; i < 200 && !out.includes('http://'); i++) await new Promise((r) => setImmediate(r));
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0];
      expect(url, `${out}${err}`).toBeDefined();
      expect(out).toContain('(1 objects applied, speed 10×; Ctrl-C to stop)');
      const state = (await (await fetch(`${url}api/state`)).json()) as ClusterInspection;
      expect(state.actors.map((a) => a.name)).toEqual(expect.arrayContaining(['kube-apiserver', 'kube-controller-manager']));
      stop.abort();
      expect(await done).toBe(0);
      expect(err).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should reject bad options with exit code 1', async () => {
    let err = '';
    const io = { out: () => undefined, err: (s: string) => void (err += s) };
    expect(await inspectCommand([], { port: 'x' }, io)).toBe(1);
    expect(err).toContain('--port must be a port number, got "x"');
    expect(await inspectCommand([], { speed: '0' }, io)).toBe(1);
    expect(err).toContain('--speed must be a positive number, got "0"');
    expect(await inspectCommand(['/no/such/path'], { port: '0' }, io)).toBe(1);
    expect(err).toContain('the path "/no/such/path" does not exist');
  });
});

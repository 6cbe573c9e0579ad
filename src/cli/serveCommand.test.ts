import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { serveCommand } from './serveCommand.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function io(): { out: string[]; err: string[]; io: { out: (s: string) => void; err: (s: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s) => void out.push(s), err: (s) => void err.push(s) } };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
}

describe('serveCommand', () => {
  it('should serve the cluster, write a kubeconfig with the admin token, and stop cleanly when interrupted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeactors-serve-'));
    dirs.push(dir);
    const kubeconfig = join(dir, 'config');
    const t = io();
    const stop = new AbortController();
    const done = serveCommand(['examples/kubia/kubia-svc.yaml'], { port: '0', nodes: '0', kubeconfig }, t.io, stop.signal);
    await until(() => t.out.length > 0);
    const banner = t.out.join('');
    const url = /listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    expect(url).toBeDefined();
    expect(banner).toContain(`export KUBECONFIG=${kubeconfig}\n  kubectl get pods\n`);
    expect(banner).toContain('1 objects applied');
    const config = parse(readFileSync(kubeconfig, 'utf8')) as { clusters: { cluster: { server: string; 'certificate-authority-data': string } }[]; users: { user: { token: string } }[]; 'current-context': string; contexts: { name: string }[] };
    expect(config.clusters[0]?.cluster.server).toBe(url);
    expect(Buffer.from(config.clusters[0]?.cluster['certificate-authority-data'] ?? '', 'base64').toString()).toContain('BEGIN CERTIFICATE');
    expect(config.users[0]?.user.token).toMatch(/^[0-9a-f]{64}$/);
    expect(config['current-context']).toBe(config.contexts[0]?.name);
    stop.abort();
    expect(await done).toBe(0);
    expect(t.out.join('')).toContain('kubeactors API server stopped');
  });

  it('should refuse bad options with a message and exit code 1', async () => {
    const t = io();
    expect(await serveCommand([], { port: '99999' }, t.io)).toBe(1);
    expect(await serveCommand([], { speed: '0' }, t.io)).toBe(1);
    expect(await serveCommand(['no/such/file.yaml'], { port: '0' }, t.io)).toBe(1);
    expect(t.err).toEqual(['error: --port must be a port number, got "99999"\n', 'error: --speed must be a positive number, got "0"\n', 'error: the path "no/such/file.yaml" does not exist\n']);
  });
});

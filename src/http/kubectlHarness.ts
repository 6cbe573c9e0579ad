import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import { kubeconfigYaml } from './kubeconfig.ts';
import { startApiServer } from './startApiServer.ts';
import type { RunningApiServer, StartApiServerOptions } from './startApiServer.ts';

/** The kubectl on PATH, or undefined. */
export function findKubectl(): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(dir, 'kubectl');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** What one kubectl run printed and how it exited. */
export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A served cluster, a kubeconfig for it and a way to run kubectl against it. */
export interface KubectlHarness {
  readonly server: RunningApiServer;
  readonly dir: string;
  readonly kubeconfig: string;
  /** Runs kubectl with the kubeconfig and a private discovery cache. */
  run(args: readonly string[], timeoutMs?: number): Promise<KubectlResult>;
  /** Runs kubectl and fails with its stderr when it exits non-zero. */
  ok(args: readonly string[], timeoutMs?: number): Promise<string>;
  /** Starts a long-running kubectl (`get --watch`) and stops it after `ms`, returning what it printed. */
  runFor(args: readonly string[], ms: number, during?: (output: () => string) => Promise<void>): Promise<KubectlResult>;
  /** Writes a file in the harness folder and returns its path. */
  file(name: string, text: string): string;
  close(): Promise<void>;
}

/** Serves `cluster` on an ephemeral port and prepares kubectl runs against it. */
export async function startKubectlHarness(cluster: Cluster, kubectl: string, options: StartApiServerOptions = {}): Promise<KubectlHarness> {
  const server = await startApiServer(cluster, { port: 0, ...options });
  const dir = mkdtempSync(join(tmpdir(), 'kubeactors-kubectl-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigYaml({ server: server.url, token: server.token, certificateAuthority: server.certificateAuthority, namespace: 'default' }));
  const base = ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache')];
  const env = { ...process.env, HOME: dir, KUBECTL_EXTERNAL_DIFF: '' };
  const run = (args: readonly string[], timeoutMs = 30_000): Promise<KubectlResult> =>
    new Promise((resolve) => {
      execFile(kubectl, [...base, ...args], { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      });
    });
  return {
    server,
    dir,
    kubeconfig,
    run,
    async ok(args, timeoutMs) {
      const r = await run(args, timeoutMs);
      if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
      return r.stdout;
    },
    runFor(args, ms, during) {
      return new Promise((resolve) => {
        const child = spawn(kubectl, [...base, ...args], { env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        const timer = setTimeout(() => child.kill('SIGTERM'), ms);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code: code ?? -1, stdout, stderr });
        });
        if (during !== undefined) void during(() => stdout);
      });
    },
    file(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Splits table output into rows of cells (columns are separated by two or more spaces). */
export function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s{2,}/));
}

import { writeFileSync } from 'node:fs';
import { untilStopped } from './untilStopped.ts';
import { resolve } from 'node:path';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import { kubeconfigYaml } from '../http/kubeconfig.ts';
import { startApiServer } from '../http/startApiServer.ts';
import { readManifests } from './runCommand.ts';

/** Options of `kubeactors serve`. */
export interface ServeOptions {
  readonly port?: string;
  readonly address?: string;
  readonly nodes?: string;
  readonly seed?: string;
  readonly speed?: string;
  readonly kubeconfig?: string;
  readonly tls?: boolean;
  readonly allowAnonymous?: boolean;
}

interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

/** Where `serve` writes its kubeconfig unless told otherwise. */
export const DEFAULT_KUBECONFIG = 'kubeactors.kubeconfig';

/**
 * `kubeactors serve [manifests…]`: runs a cluster on a real clock (`--speed` cluster seconds per
 * second) with `--nodes` simulated nodes, serves its API over HTTPS on 127.0.0.1 (kube-apiserver's
 * REST API: kubectl and client libraries work unchanged), writes a kubeconfig with a fresh admin
 * token, applies the manifests, and runs until interrupted (`signal`, default SIGINT/SIGTERM), then
 * closes the server and stops the cluster. Returns the exit code.
 * @public
 */
export async function serveCommand(paths: readonly string[], opts: ServeOptions, io: Io, signal?: AbortSignal): Promise<number> {
  const port = Number(opts.port ?? '6443');
  const nodes = Number(opts.nodes ?? '3');
  const seed = Number(opts.seed ?? '1');
  const speed = Number(opts.speed ?? '1');
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(io, `--port must be a port number, got "${opts.port}"`);
  if (!Number.isInteger(nodes) || nodes < 0) return fail(io, `--nodes must be a whole number, got "${opts.nodes}"`);
  if (!Number.isInteger(seed)) return fail(io, `--seed must be an integer, got "${opts.seed}"`);
  if (!(speed > 0)) return fail(io, `--speed must be a positive number, got "${opts.speed}"`);
  let objects;
  try {
    objects = readManifests(paths);
  } catch (e) {
    return fail(io, e instanceof Error ? e.message : String(e));
  }
  // Cluster time starts now, so ages kubectl computes from timestamps read as they should.
  const cluster = createCluster({ seed, clock: 'real', speed, nodes, startTime: Date.now() });
  let server;
  try {
    server = await startApiServer(cluster, { port, address: opts.address ?? '127.0.0.1', tls: opts.tls !== false, allowAnonymous: opts.allowAnonymous === true });
  } catch (e) {
    await cluster.stop();
    return fail(io, `cannot listen on ${opts.address ?? '127.0.0.1'}:${port}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const kubeconfig = resolve(opts.kubeconfig ?? DEFAULT_KUBECONFIG);
  try {
    writeFileSync(kubeconfig, kubeconfigYaml({ server: server.url, token: server.token, certificateAuthority: server.certificateAuthority }), { mode: 0o600 });
    if (objects.length > 0) await cluster.apply(objects);
  } catch (e) {
    await server.close();
    await cluster.stop();
    return fail(io, e instanceof Error ? e.message : String(e));
  }
  io.out(
    `kubeactors API server listening on ${server.url} (${nodes} nodes, speed ${speed}×, seed ${seed}; ${objects.length} objects applied)\n` +
      `Kubeconfig written to ${kubeconfig}. Use it with:\n\n` +
      `  export KUBECONFIG=${kubeconfig}\n  kubectl get pods\n\nPress Ctrl-C to stop.\n`,
  );
  await untilStopped(signal);
  await server.close();
  await cluster.stop();
  io.out('kubeactors API server stopped\n');
  return 0;
}

function fail(io: Io, message: string): number {
  io.err(`error: ${message}\n`);
  return 1;
}

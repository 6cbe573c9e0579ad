import { StatusError } from '../api/status.ts';
import { untilStopped } from './untilStopped.ts';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import { createTracer } from '../inspect/createTracer.ts';
import { startInspector } from '../inspect/startInspector.ts';
import { readManifests } from './runCommand.ts';

/** Options of `kubeactors inspect`. */
export interface InspectOptions {
  readonly port?: string;
  readonly seed?: string;
  readonly speed?: string;
}

interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

/**
 * `kubeactors inspect [manifests…]`: runs a cluster on a real clock (`--speed` cluster seconds per
 * second), applies the manifests, and serves the inspector page on 127.0.0.1 until interrupted
 * (`signal`, default SIGINT/SIGTERM). Returns the exit code.
 * @public
 */
export async function inspectCommand(paths: readonly string[], opts: InspectOptions, io: Io, signal?: AbortSignal): Promise<number> {
  const port = Number(opts.port ?? '8089');
  const seed = Number(opts.seed ?? '1');
  const speed = Number(opts.speed ?? '1');
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(io, `--port must be a port number, got "${opts.port}"`);
  if (!Number.isInteger(seed)) return fail(io, `--seed must be an integer, got "${opts.seed}"`);
  if (!(speed > 0)) return fail(io, `--speed must be a positive number, got "${opts.speed}"`);
  let objects;
  try {
    objects = readManifests(paths);
  } catch (e) {
    return fail(io, e instanceof Error ? e.message : String(e));
  }
  const cluster = createCluster({ seed, clock: 'real', speed, tracer: createTracer() });
  const inspector = await startInspector(cluster, { port });
  try {
    if (objects.length > 0) await cluster.apply(objects);
  } catch (e) {
    await inspector.close();
    await cluster.stop();
    return fail(io, e instanceof StatusError || e instanceof Error ? e.message : String(e));
  }
  io.out(`kubeactors inspector: ${inspector.url} (${objects.length} objects applied, speed ${speed}×; Ctrl-C to stop)\n`);
  await untilStopped(signal);
  await inspector.close();
  await cluster.stop();
  return 0;
}

function fail(io: Io, message: string): number {
  io.err(`error: ${message}\n`);
  return 1;
}

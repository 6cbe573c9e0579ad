import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { stringify } from 'yaml';
import type { KubeObject } from '../api/meta.ts';
import { StatusError } from '../api/status.ts';
import { parseManifests } from '../runtime/cluster/applyManifests.ts';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import { parseDuration } from './duration.ts';
import { listReport, tableReport } from './report.ts';
import { formatDecision } from '../scheduler/formatDecision.ts';
import { schedulerDecisions } from '../../actors/schedulerDecisions.ts';

/** Options of `kubeactors run`. */
export interface RunOptions {
  readonly for?: string;
  readonly seed?: string;
  readonly output?: string;
  readonly quiet?: string;
  readonly nodes?: string;
  /** Print the scheduler's decision record (per node and plugin) for every pod it placed or could not place. */
  readonly decisions?: boolean;
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Manifest files under the given files or folders, sorted within each folder (as `kubectl apply -f dir`). */
export function manifestFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const st = statSync(p, { throwIfNoEntry: false });
    if (st === undefined) throw new Error(`the path "${p}" does not exist`);
    if (st.isDirectory()) {
      for (const f of readdirSync(p).sort()) {
        const full = join(p, f);
        if (statSync(full).isFile() && MANIFEST_EXTENSIONS.has(extname(f))) out.push(full);
      }
    } else out.push(p);
  }
  return out;
}

/** Reads and parses every manifest; errors name the file and document. */
export function readManifests(paths: readonly string[]): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const f of manifestFiles(paths)) objects.push(...parseManifests(readFileSync(f, 'utf8'), f));
  return objects;
}

/**
 * `kubeactors run`: applies manifests to an embedded cluster on virtual time, runs it (until settled,
 * or for `--for`), and writes the report. Returns the exit code.
 * @public
 */
export async function runCommand(paths: readonly string[], opts: RunOptions, io: { out: (s: string) => void; err: (s: string) => void; isTTY: boolean }): Promise<number> {
  const output = opts.output ?? 'table';
  if (!['table', 'json', 'yaml'].includes(output)) {
    io.err(`error: unknown output format "${output}": use table, json or yaml\n`);
    return 1;
  }
  const seed = opts.seed === undefined ? 1 : Number(opts.seed);
  if (!Number.isInteger(seed)) {
    io.err(`error: --seed must be an integer, got "${opts.seed}"\n`);
    return 1;
  }
  let forMs: number | undefined;
  let quietMs: number | undefined;
  let objects: KubeObject[];
  try {
    forMs = opts.for === undefined ? undefined : parseDuration(opts.for);
    quietMs = opts.quiet === undefined ? undefined : parseDuration(opts.quiet);
    objects = readManifests(paths.length > 0 ? paths : []);
  } catch (e) {
    io.err(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const nodes = opts.nodes === undefined ? 3 : Number(opts.nodes);
  if (!Number.isInteger(nodes) || nodes < 0) {
    io.err(`error: --nodes must be a whole number, got "${opts.nodes}"\n`);
    return 1;
  }
  const cluster = createCluster({ seed, nodes });
  const start = cluster.clock.now();
  try {
    await cluster.apply(objects);
  } catch (e) {
    io.err(`error: ${e instanceof StatusError ? e.message : e instanceof Error ? e.message : String(e)}\n`);
    await cluster.stop();
    return 1;
  }
  let note = '';
  if (forMs !== undefined) {
    const step = Math.max(1000, Math.ceil(forMs / 100));
    for (let done = 0; done < forMs; done += step) {
      await cluster.advance(Math.min(step, forMs - done));
      if (io.isTTY) io.err(`\rrunning: ${Math.round(((done + step) / forMs) * 100)}% of ${opts.for} cluster time`);
    }
    if (io.isTTY) io.err('\n');
  } else {
    const result = await cluster.settle(quietMs !== undefined ? { quietMs } : {});
    if (!result.settled) note = `Not settled after ${result.elapsedMs / 1000}s of cluster time; still pending:\n${result.pending.map((p) => `  - ${p}`).join('\n')}\n\n`;
  }
  if (output === 'table') {
    io.out(note + tableReport(cluster, start));
    if (opts.decisions === true) {
      for (const [pod, decision] of [...schedulerDecisions(cluster)].sort(([a], [b]) => a.localeCompare(b))) io.out(`\n== Scheduling decision for pod ${pod}\n${formatDecision(decision)}\n`);
    }
  }
  else if (output === 'json') io.out(`${JSON.stringify(listReport(cluster), null, 2)}\n`);
  else io.out(stringify(listReport(cluster), { lineWidth: 0 }));
  await cluster.stop();
  return 0;
}

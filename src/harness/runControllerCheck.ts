import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { TypeRef } from '../client/client.ts';
import type { ControllerDefinition } from '../runtime/controller/defineController.ts';
import { createTracer } from '../inspect/createTracer.ts';
import type { Tracer } from '../inspect/traceTypes.ts';
import { canonicalState, diffCanonical } from './canonicalState.ts';
import { eventuallyStable } from './eventuallyStable.ts';
import { harnessCommands, HarnessViolation } from './harnessCommands.ts';
import type { HarnessCommand, HarnessModel } from './harnessCommands.ts';
import type { CheckOptions, CheckResult } from './harnessTypes.ts';
import { createHarnessWorld, primaryType } from './harnessWorld.ts';
import type { HarnessWorld } from './harnessWorld.ts';
import { specFromResource } from './specFromResource.ts';

/** Property runs of a check when `runs` is not given. */
export const DEFAULT_RUNS = 500;

interface Outcome {
  readonly failure?: string;
  readonly log: readonly string[];
  readonly schedule: readonly string[];
}

function seedFor(controller: ControllerDefinition, options: CheckOptions): number {
  if (options.seed !== undefined) return options.seed;
  const env = process.env['KUBEACTORS_SEED'] ?? process.env['DEFAULT_SEED'];
  if (env !== undefined && env !== '' && Number.isInteger(Number(env))) return Number(env);
  // A fixed seed per controller keeps `npm test` reproducible; CI varies it through DEFAULT_SEED.
  let h = 2166136261;
  for (const ch of controller.name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h | 0;
}

function comparedTypes(controller: ControllerDefinition, options: CheckOptions): TypeRef[] {
  if (options.differential !== undefined && options.differential !== false && options.differential.compare !== undefined) return [...options.differential.compare];
  return [primaryType(options.resource), ...(controller.owns ?? [])];
}

async function runOnce(controller: ControllerDefinition, options: CheckOptions, clusterSeed: number, scheduler: fc.Scheduler<unknown> | undefined, cmds: Iterable<HarnessCommand>, tracer?: Tracer): Promise<Outcome> {
  const compared = comparedTypes(controller, options);
  const world = await createHarnessWorld({ check: options, controller, perturbed: true, seed: clusterSeed, ...(scheduler !== undefined ? { scheduler } : {}), ...(tracer !== undefined ? { tracer } : {}) });
  const schedule = (): string[] => (scheduler?.report() ?? []).map((r) => `${r.status === 'resolved' ? '' : `${r.status} `}${r.label}`);
  const ran: HarnessCommand[] = [];
  try {
    const model: HarnessModel = { exists: new Set() };
    for (const c of cmds) {
      if (!c.check(model)) continue;
      ran.push(c);
      try {
        await c.run(model, world);
      } catch (e) {
        if (e instanceof HarnessViolation) return { failure: e.message, log: world.log, schedule: schedule() };
        throw e;
      }
    }
    await world.heal();
    world.log.push('— faults end; waiting for the desired state —');
    const esr = await eventuallyStable(world, options, compared);
    if (world.violation() !== undefined) return { failure: world.violation() as string, log: world.log, schedule: schedule() };
    if (esr !== undefined) return { failure: esr, log: world.log, schedule: schedule() };
    if (options.differential !== false && world.worldFaults === 0) {
      const diff = await differential(controller, options, clusterSeed, ran, world, compared);
      if (diff !== undefined) return { failure: diff, log: world.log, schedule: schedule() };
    }
    return { log: world.log, schedule: schedule() };
  } finally {
    await world.stop();
  }
}

async function differential(controller: ControllerDefinition, options: CheckOptions, clusterSeed: number, ran: readonly HarnessCommand[], world: HarnessWorld, compared: readonly TypeRef[]): Promise<string | undefined> {
  const ref = await createHarnessWorld({ check: options, controller, perturbed: false, seed: clusterSeed });
  try {
    const model: HarnessModel = { exists: new Set() };
    for (const c of ran) if (c.check(model)) await c.run(model, ref);
    await ref.heal();
    const refEsr = (await eventuallyStable(ref, { ...options, oscillation: false }, compared)) ?? ref.violation();
    if (refEsr !== undefined) return `the reference run (same operations, no faults) did not converge either — ${refEsr}`;
    const ignore = options.differential !== false ? (options.differential?.ignore ?? []) : [];
    const ns = world.objectNamespace;
    const diff = diffCanonical(canonicalState(world.view, compared, ignore, ns), canonicalState(ref.view, compared, ignore, ns));
    if (diff !== undefined) return `differential: the end state differs from a run of the same operations without faults\n${diff}`;
    if (options.differential !== false && options.differential?.operations === true) {
      const summary = (w: HarnessWorld): string =>
        JSON.stringify(
          Object.entries(
            w.controller.writes().reduce<Record<string, number>>((acc, x) => {
              if (x.verb !== 'update') acc[`${x.verb} ${x.resource}`] = (acc[`${x.verb} ${x.resource}`] ?? 0) + 1;
              return acc;
            }, {}),
          ).sort(),
        );
      const a = summary(world);
      const b = summary(ref);
      if (a !== b) return `differential: the controller's creates/deletes differ from the run without faults (transient harm)\n  this run:      ${a}\n  reference run: ${b}`;
    }
    return undefined;
  } finally {
    await ref.stop();
  }
}

/**
 * Runs the property-based check of a controller and returns what happened (no throw): fast-check
 * generates sequences of user operations and faults, a scheduler interleaves every answer and watch
 * delivery, and the oracles (safety invariants on every commit, eventually-stable reconciliation,
 * the differential oracle, the oscillation detector) judge each run. A failure is shrunk and replayed
 * once more with a tracer, whose trace is written for the inspector.
 * @example
 * const result = await runControllerCheck(myController, { resource: widgets, matches: (w, view) => …, runs: 50 });
 * if (!result.ok) console.log(result.report);
 * @public
 */
export async function runControllerCheck(controller: ControllerDefinition, options: CheckOptions): Promise<CheckResult> {
  const runs = options.runs ?? DEFAULT_RUNS;
  const seed = seedFor(controller, options);
  const path = options.path ?? (options.seed === undefined ? process.env['KUBEACTORS_PATH'] : undefined);
  const spec = options.spec ?? specFromResource(options.resource);
  const replayPath = options.replayPath ?? (options.seed === undefined ? process.env['KUBEACTORS_REPLAY_PATH'] : undefined);
  const commands = fc.commands(harnessCommands(options, spec), {
    maxCommands: options.maxCommands ?? 10,
    ...(replayPath !== undefined && replayPath !== '' ? { replayPath } : {}),
  });
  let count = 0;
  const property = fc.asyncProperty(fc.integer({ min: 1, max: 0x7fffffff }), fc.scheduler(), commands, async (clusterSeed, scheduler, cmds) => {
    count++;
    const outcome = await runOnce(controller, options, clusterSeed, scheduler, cmds);
    options.onProgress?.(`${controller.name}: run ${count}${outcome.failure !== undefined ? ' FAILED' : ''}`);
    if (outcome.failure !== undefined) throw new HarnessViolation(outcome.failure);
  });
  const details = await fc.check(property, { numRuns: runs, seed, ...(path !== undefined && path !== '' ? { path } : {}) });
  const runsDone = details.numRuns;
  if (!details.failed) {
    return { ok: true, runs: runsDone, seed, shrinks: 0, steps: [], report: `${controller.name}: ${runsDone} runs passed (seed ${seed})` };
  }
  const failurePath = details.counterexamplePath ?? '';
  // Run the shrunk counterexample once more (fast-check hands out a fresh clone of its scheduler and commands), traced.
  const tracing = options.traceDir === false ? undefined : createTracer();
  const [clusterSeed, scheduler, cmds] = details.counterexample as unknown as [number, fc.Scheduler<unknown>, Iterable<HarnessCommand>];
  const failureReplayPath = /replayPath="([^"]*)"/.exec(fc.stringify(cmds))?.[1];
  let replay: Outcome | undefined;
  try {
    replay = await runOnce(controller, options, clusterSeed, scheduler, cmds, tracing);
  } catch (e) {
    replay = { failure: `replay threw: ${e instanceof Error ? e.message : String(e)}`, log: [], schedule: [] };
  }
  let traceFile: string | undefined;
  if (tracing !== undefined) {
    const dir = typeof options.traceDir === 'string' ? options.traceDir : join(tmpdir(), 'kubeactors-harness');
    mkdirSync(dir, { recursive: true });
    traceFile = join(dir, `${controller.name}-${seed}-${failurePath.replace(/:/g, '_')}.jsonl`);
    writeFileSync(traceFile, tracing.records().map((r) => `${JSON.stringify(r)}\n`).join(''));
  }
  const errorMessage = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const violation = replay?.failure ?? errorMessage;
  const steps = replay?.log ?? [];
  const schedule = replay?.schedule ?? [];
  const report = [
    `${controller.name}: property failed after ${details.numRuns} run(s), shrunk ${details.numShrinks} time(s) to ${steps.filter((s) => !s.startsWith('—')).length} step(s)`,
    `violation: ${violation}`,
    'steps:',
    ...steps.map((s, i) => `  ${i + 1}. ${s}`),
    `scheduler: ${schedule.length} answers and watch deliveries released in this order${schedule.length > 30 ? ' (first 30)' : ''}:`,
    ...schedule.slice(0, 30).map((s) => `    ${s}`),
    `seed: ${seed}, path: "${failurePath}"`,
    `replay: KUBEACTORS_SEED=${seed} KUBEACTORS_PATH="${failurePath}"${failureReplayPath !== undefined ? ` KUBEACTORS_REPLAY_PATH="${failureReplayPath}"` : ''} npx vitest run <this test file>, with the same runs (${runs}) and maxCommands (${options.maxCommands ?? 10})   (or checkController(…, { …options, seed: ${seed}, path: "${failurePath}"${failureReplayPath !== undefined ? `, replayPath: "${failureReplayPath}"` : ''} }))`,
    ...(traceFile !== undefined ? [`trace: ${traceFile} (load it in the inspector page: kubeactors inspect, then "Load trace")`] : []),
  ].join('\n');
  return { ok: false, runs: details.numRuns, seed, path: failurePath, shrinks: details.numShrinks, steps, violation, report, ...(traceFile !== undefined ? { traceFile } : {}) };
}

/**
 * Checks a controller like {@link runControllerCheck} and throws an Error carrying the failure report
 * (seed, path, shrunk steps, replay command, trace file) when an oracle fails. Use it inside a test.
 * @example
 * it('reconciles widgets', () => checkController(widgetController, { resource: widgets, matches, runs: 50 }), 120_000);
 * @public
 */
export async function checkController(controller: ControllerDefinition, options: CheckOptions): Promise<CheckResult> {
  const result = await runControllerCheck(controller, options);
  if (!result.ok) throw new Error(result.report);
  return result;
}

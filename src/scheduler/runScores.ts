// PreScore, Score, NormalizeScore and weighting (upstream frameworkImpl.RunPreScorePlugins /
// RunScorePlugins and schedule_one.go prioritizeNodes / selectHost).
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Rng } from '../runtime/sim/rng.ts';
import { MAX_NODE_SCORE, MIN_NODE_SCORE, pluginsWith, type CycleContext, type NodeScore, type Profile } from './framework.ts';
import type { NodeInfo } from './nodeInfo.ts';
import { errorStatus, isSuccess, statusMessage, withPlugin, type Status } from './status.ts';

/**
 * One node's weighted plugin scores and their sum.
 * @public
 */
export interface NodePluginScores {
  readonly name: string;
  readonly scores: readonly { readonly plugin: string; readonly score: number }[];
  readonly totalScore: number;
}

/** The score phase's result; the records are node → plugin → value. */
export interface ScorePhase {
  readonly totals: readonly NodePluginScores[];
  readonly preScoreRecord: Record<string, string>;
  readonly raw: Record<string, Record<string, number>>;
  readonly normalized: Record<string, Record<string, number>>;
  readonly final: Record<string, Record<string, number>>;
  readonly error?: Status;
}

/**
 * Scores the feasible nodes: PreScore (Skip drops the plugin's Score), raw Score, NormalizeScore,
 * a [0, 100] check, then × weight and summed. Without any Score plugin every node scores 1.
 */
export function prioritizeNodes(profile: Profile, ctx: CycleContext, pod: Pod, nodes: readonly NodeInfo[], record = true): ScorePhase {
  const preScoreRecord: Record<string, string> = {};
  const raw: Record<string, Record<string, number>> = {};
  const normalized: Record<string, Record<string, number>> = {};
  const final: Record<string, Record<string, number>> = {};
  const scorePlugins = pluginsWith(profile, 'score');
  if (scorePlugins.length === 0) {
    return { totals: nodes.map((n) => ({ name: n.name, scores: [], totalScore: 1 })), preScoreRecord, raw, normalized, final };
  }
  const fail = (s: Status): ScorePhase => ({ totals: [], preScoreRecord, raw, normalized, final, error: s });
  const skipped = new Set<string>();
  for (const { plugin } of pluginsWith(profile, 'preScore')) {
    const s = plugin.preScore(ctx, pod, nodes);
    if (s?.code === 'Skip') {
      skipped.add(plugin.name);
      preScoreRecord[plugin.name] = 'skip';
      continue;
    }
    if (!isSuccess(s)) return fail(withPlugin(errorStatus(`running PreScore plugin "${plugin.name}": ${statusMessage(s)}`), plugin.name));
    preScoreRecord[plugin.name] = 'success';
  }
  const perPlugin: { name: string; weight: number; scores: NodeScore[]; raw: number[] }[] = [];
  for (const { plugin, weight } of scorePlugins) {
    if (skipped.has(plugin.name)) continue;
    const scores: NodeScore[] = [];
    for (const ni of nodes) {
      const s = plugin.score(ctx, pod, ni);
      if (typeof s !== 'number') return fail(withPlugin(errorStatus(`running Score plugin "${plugin.name}": ${statusMessage(s)}`), plugin.name));
      scores.push({ name: ni.name, score: s });
    }
    const rawScores = record ? scores.map((x) => x.score) : [];
    if (plugin.normalizeScore !== undefined) {
      const s = plugin.normalizeScore(ctx, pod, scores);
      if (!isSuccess(s)) return fail(withPlugin(errorStatus(`running Normalize on Score plugin "${plugin.name}": ${statusMessage(s)}`), plugin.name));
    }
    perPlugin.push({ name: plugin.name, weight, scores, raw: rawScores });
  }
  const totals: NodePluginScores[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = (nodes[i] as NodeInfo).name;
    const scores: { plugin: string; score: number }[] = [];
    let total = 0;
    const r: Record<string, number> = {};
    const n: Record<string, number> = {};
    const f: Record<string, number> = {};
    for (const p of perPlugin) {
      const score = (p.scores[i] as NodeScore).score;
      if (score > MAX_NODE_SCORE || score < MIN_NODE_SCORE) {
        return fail(
          withPlugin(errorStatus(`plugin "${p.name}" returns an invalid score ${score}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`), p.name),
        );
      }
      if (record) {
        r[p.name] = p.raw[i] ?? 0;
        n[p.name] = score;
        f[p.name] = score * p.weight;
      }
      scores.push({ plugin: p.name, score: score * p.weight });
      total += score * p.weight;
    }
    if (record) {
      raw[node] = r;
      normalized[node] = n;
      final[node] = f;
    }
    totals.push({ name: node, scores, totalScore: total });
  }
  return { totals, preScoreRecord, raw, normalized, final };
}

/**
 * Picks the highest total; ties are broken by reservoir sampling with the seeded RNG — the k-th
 * node seen with the top score replaces the choice with probability 1/k (upstream `selectHost`).
 * Nodes are visited in evaluation order, so the same seed and snapshot give the same node.
 */
export function selectHost(totals: readonly NodePluginScores[], rng: Rng): string | undefined {
  const first = totals[0];
  if (first === undefined) return undefined;
  let best = first.totalScore;
  let selected = first.name;
  let count = 1;
  for (let i = 1; i < totals.length; i++) {
    const t = totals[i] as NodePluginScores;
    if (t.totalScore > best) {
      best = t.totalScore;
      selected = t.name;
      count = 1;
    } else if (t.totalScore === best) {
      count++;
      if (rng.int(count) === 0) selected = t.name;
    }
  }
  return selected;
}

// A scheduling decision as text, for people (the CLI's "why is this pod there" view).
import type { SchedulingDecision } from './schedulingDecision.ts';

function align(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 3))).join('').trimEnd());
}

const entries = (m: Readonly<Record<string, string>>): string => Object.entries(m).map(([k, v]) => `${k}: ${v}`).join(', ');

/**
 * Renders a decision: the outcome, PreFilter/PostFilter/Reserve/Permit/Bind results when any,
 * then one block per evaluated node with, per plugin, its Filter result and its raw, normalized and
 * final (normalized × weight) scores, and the node's total. `-` marks a stage a plugin was not part of.
 * @example
 * formatDecision(schedulerDecisions(cluster).get('default/web-1')!)
 * // Pod default/web-1: scheduled on node-2
 * //
 * // NODE     PLUGIN             FILTER   SCORE   NORMALIZED   FINAL
 * // node-1   NodeResourcesFit   passed   62      62           62
 * // …
 */
export function formatDecision(d: SchedulingDecision): string {
  const lines: string[] = [];
  const outcome =
    d.selectedNode !== undefined
      ? `scheduled on ${d.selectedNode}`
      : d.nominatedNodeName !== undefined
        ? `nominated to ${d.nominatedNodeName} (preempting ${(d.victims ?? []).join(', ') || 'no pods'})`
        : 'unschedulable';
  lines.push(`Pod ${d.pod}: ${outcome}`);
  const stages: [string, Readonly<Record<string, string>>][] = [
    ['PreFilter', d.preFilterStatus],
    ['PreScore', d.preScore],
    ['PostFilter', d.postFilter],
    ['Reserve', d.reserve],
    ['Permit', d.permit],
    ['PreBind', d.preBind],
    ['Bind', d.bind],
  ];
  for (const [stage, m] of stages) if (Object.keys(m).length > 0) lines.push(`${stage}: ${entries(m)}`);

  const nodes = [...new Set([...Object.keys(d.filter), ...Object.keys(d.score), ...Object.keys(d.finalScore)])].sort();
  if (nodes.length === 0) return lines.join('\n');
  const rows: string[][] = [['NODE', 'PLUGIN', 'FILTER', 'SCORE', 'NORMALIZED', 'FINAL']];
  const num = (v: number | undefined): string => (v === undefined ? '-' : String(v));
  for (const node of nodes) {
    const filter = d.filter[node] ?? {};
    const raw = d.score[node] ?? {};
    const norm = d.normalizedScore[node] ?? {};
    const fin = d.finalScore[node] ?? {};
    const plugins = [...new Set([...Object.keys(filter), ...Object.keys(raw), ...Object.keys(fin)])];
    plugins.forEach((p, i) => rows.push([i === 0 ? node : '', p, filter[p] ?? '-', num(raw[p]), num(norm[p]), num(fin[p])]));
    const finals = Object.values(fin);
    if (finals.length > 0) rows.push(['', 'TOTAL', '', '', '', String(finals.reduce((a, b) => a + b, 0))]);
  }
  lines.push('', ...align(rows));
  return lines.join('\n');
}

// Pure functions over trace records (src/inspect/traceTypes.ts): what each actor was at a point of the trace.

/** The paths a state value stands for, ancestors included ({ a: 'b' } → ['', 'a', 'a.b']). */
export function activePaths(value, prefix = '') {
  const join = (k) => (prefix === '' ? k : `${prefix}.${k}`);
  const out = prefix === '' ? [''] : [];
  if (typeof value === 'string') return [...out, join(value)];
  if (value === null || typeof value !== 'object') return out;
  return [...out, ...Object.entries(value).flatMap(([k, v]) => [join(k), ...activePaths(v, join(k)).filter((p) => p !== '')])];
}

/** A state value as one line: `running.idle`, `a.b + c.d`. */
export function stateText(value) {
  const leaves = (v, prefix) => {
    if (typeof v === 'string') return [prefix === '' ? v : `${prefix}.${v}`];
    if (v === null || typeof v !== 'object') return [];
    const entries = Object.entries(v);
    if (entries.length === 0) return prefix === '' ? [] : [prefix];
    return entries.flatMap(([k, sub]) => leaves(sub, prefix === '' ? k : `${prefix}.${k}`));
  };
  return leaves(value, '').join(' + ');
}

/**
 * Every actor seen in `records[0..count)`: name → { name, parent, machine, object, state, since, status, first }.
 * Records must be in `seq` order.
 */
export function actorsAt(records, count) {
  const actors = new Map();
  for (let i = 0; i < count && i < records.length; i++) {
    const r = records[i];
    if (r.kind === 'k8s-event') continue;
    let a = actors.get(r.actor);
    if (a === undefined) {
      a = { name: r.actor, parent: r.parent, machine: r.machine, object: r.object, state: undefined, since: r.t, status: 'active', first: r.seq };
      actors.set(r.actor, a);
    }
    if (r.kind === 'actor') {
      if (r.parent !== undefined) a.parent = r.parent;
      if (r.state !== undefined) (a.state = r.state, a.since = r.t, a.status = 'active');
    } else if (r.kind === 'transition') {
      a.state = r.to;
      a.since = r.t;
    } else if (r.kind === 'status') {
      a.status = r.status;
    }
  }
  return actors;
}

/** Actors as a forest: [{ actor, children: [...] }], parents before children, in first-seen order. */
export function actorTree(actors) {
  const nodes = new Map([...actors.values()].map((a) => [a.name, { actor: a, children: [] }]));
  const roots = [];
  for (const n of nodes.values()) {
    const parent = n.actor.parent === undefined ? undefined : nodes.get(n.actor.parent);
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

/** Parses JSON-lines trace text; throws with the line number on a bad line. */
export function parseTraceText(text) {
  const out = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let r;
    try {
      r = JSON.parse(line);
    } catch (e) {
      throw new Error(`line ${i + 1}: ${e.message}`);
    }
    if (typeof r !== 'object' || r === null || typeof r.kind !== 'string' || typeof r.t !== 'number' || typeof r.seq !== 'number') throw new Error(`line ${i + 1}: not a trace record`);
    out.push(r);
  });
  return out.sort((a, b) => a.seq - b.seq);
}

// Draws a chart (the JSON of src/inspect/chartModel.ts) as SVG: nested boxes for compound states,
// side-by-side dashed regions for parallel ones, children ranked from the initial state along
// transitions, straight labelled arrows between boxes. Active states get the class `active`.
const SVG = 'http://www.w3.org/2000/svg';
const CHAR_W = 6.6;
const LEAF_H = 28;
const HEAD_H = 22;
const PAD = 14;
const GAP_X = 28;
const GAP_Y = 64;

const el = (tag, attrs = {}, text) => {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
};

const inside = (path, ancestor) => ancestor === '' || path === ancestor || path.startsWith(`${ancestor}.`);
const childHolding = (state, path) => state.children.find((c) => inside(path, c.path));

function allTransitions(state) {
  return [...state.transitions, ...state.children.flatMap(allTransitions)];
}

// Ranks children by distance from the initial child along transitions between them.
function ranks(state) {
  const edges = new Map(state.children.map((c) => [c.path, new Set()]));
  for (const t of allTransitions(state)) {
    const a = childHolding(state, t.source);
    for (const target of t.targets) {
      const b = childHolding(state, target);
      if (a && b && a !== b) edges.get(a.path).add(b.path);
    }
  }
  const rank = new Map();
  const start = state.initial ?? state.children[0]?.path;
  const queue = start ? [start] : [];
  if (start) rank.set(start, 0);
  while (queue.length > 0) {
    const p = queue.shift();
    for (const q of edges.get(p) ?? []) if (!rank.has(q)) (rank.set(q, rank.get(p) + 1), queue.push(q));
  }
  let next = Math.max(-1, ...rank.values()) + 1;
  for (const c of state.children) if (!rank.has(c.path)) rank.set(c.path, c.type === 'final' ? next : next);
  const rows = [];
  for (const c of state.children) (rows[rank.get(c.path)] ??= []).push(c);
  return rows.filter(Boolean);
}

function layout(state) {
  const label = state.type === 'parallel' ? `${state.key} ∥` : state.key;
  const labelW = label.length * CHAR_W + 24;
  if (state.children.length === 0) return { state, w: Math.max(64, labelW), h: LEAF_H, kids: [] };
  if (state.type === 'parallel') {
    const kids = state.children.map(layout);
    let x = PAD;
    for (const k of kids) (k.x = x, k.y = HEAD_H + PAD, x += k.w + GAP_X);
    const w = Math.max(labelW, x - GAP_X + PAD);
    return { state, w, h: HEAD_H + PAD * 2 + Math.max(...kids.map((k) => k.h)), kids };
  }
  const rows = ranks(state).map((row) => row.map(layout));
  const rowW = rows.map((r) => r.reduce((s, k) => s + k.w, 0) + GAP_X * (r.length - 1));
  const w = Math.max(labelW, ...rowW.map((rw) => rw + PAD * 2));
  let y = HEAD_H + PAD + 10;
  rows.forEach((r, i) => {
    let x = (w - rowW[i]) / 2;
    const rh = Math.max(...r.map((k) => k.h));
    for (const k of r) (k.x = x, k.y = y + (rh - k.h) / 2, x += k.w + GAP_X);
    y += rh + GAP_Y;
  });
  return { state, w, h: y - GAP_Y + PAD, kids: rows.flat() };
}

function place(node, x, y, boxes) {
  node.ax = x;
  node.ay = y;
  boxes.set(node.state.path, node);
  for (const k of node.kids) place(k, x + k.x, y + k.y, boxes);
}

function drawState(node, g, isRoot) {
  const s = node.state;
  const group = el('g', { class: `state ${s.type}${isRoot ? ' root' : ''}`, 'data-path': s.path, 'data-id': s.id });
  const title = el('title', {}, [`${s.id} (${s.type})`, ...s.notes, ...s.transitions.filter((t) => t.targets.length === 0).map((t) => `internal: ${t.label}`)].join('\n'));
  group.append(title);
  const rect = el('rect', { x: node.ax, y: node.ay, width: node.w, height: node.h, rx: s.children.length ? 8 : 12 });
  group.append(rect);
  if (s.type === 'final') group.append(el('rect', { class: 'inner', x: node.ax + 3, y: node.ay + 3, width: node.w - 6, height: node.h - 6, rx: 9 }));
  const label = s.type === 'parallel' ? `${s.key} ∥` : s.key;
  if (s.children.length === 0) group.append(el('text', { x: node.ax + node.w / 2, y: node.ay + node.h / 2 + 4, 'text-anchor': 'middle' }, label));
  else {
    group.append(el('text', { class: 'head', x: node.ax + 8, y: node.ay + 15 }, label));
    group.append(el('line', { class: 'sep', x1: node.ax, y1: node.ay + HEAD_H, x2: node.ax + node.w, y2: node.ay + HEAD_H }));
  }
  if (s.notes.length > 0) group.append(el('text', { class: 'note', x: node.ax + node.w - 6, y: node.ay + 12, 'text-anchor': 'end' }, '⚙'));
  g.append(group);
  for (const k of node.kids) drawState(k, g, false);
  if (s.type === 'parallel') {
    for (const k of node.kids.slice(1)) g.append(el('line', { class: 'region-sep', x1: k.ax - GAP_X / 2, y1: node.ay + HEAD_H, x2: k.ax - GAP_X / 2, y2: node.ay + node.h }));
  }
  const init = s.initial !== undefined ? node.kids.find((k) => k.state.path === s.initial) : undefined;
  if (init) {
    const cx = init.ax + init.w / 2;
    g.append(el('circle', { class: 'initial', cx, cy: init.ay - 14, r: 4 }));
    g.append(el('line', { class: 'edge', x1: cx, y1: init.ay - 10, x2: cx, y2: init.ay - 1, 'marker-end': 'url(#arrow)' }));
  }
}

// Where the segment from the box's centre towards (tx, ty) leaves the box.
function border(b, tx, ty) {
  const cx = b.ax + b.w / 2;
  const cy = b.ay + b.h / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const sx = dx === 0 ? Infinity : b.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : b.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return [cx + dx * s, cy + dy * s];
}

const LABEL_AT = [0.5, 0.4, 0.6, 0.45, 0.55];
const bezier = (p0, c, p2, t) => [0, 1].map((i) => (1 - t) * (1 - t) * p0[i] + 2 * (1 - t) * t * c[i] + t * t * p2[i]);

function drawEdges(root, boxes, g) {
  const seen = new Map();
  const fromSource = new Map();
  for (const t of allTransitions(root.state)) {
    for (const target of t.targets) {
      const a = boxes.get(t.source);
      const b = boxes.get(target);
      if (!a || !b) continue;
      const key = `${t.source}>${target}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      const k = fromSource.get(t.source) ?? 0;
      fromSource.set(t.source, k + 1);
      const data = { class: `edge ${t.kind}`, 'data-source': t.source, 'data-target': target, 'marker-end': 'url(#arrow)', fill: 'none' };
      let label;
      if (t.source === target) {
        const x = a.ax + a.w;
        const y = a.ay + a.h / 2;
        g.append(el('path', { ...data, d: `M ${x} ${y - 6} C ${x + 26 + n * 8} ${y - 22}, ${x + 26 + n * 8} ${y + 22}, ${x} ${y + 6}` }));
        label = [x + 30 + n * 8, y + 3];
      } else {
        // From a compound state into its own substates: start at its header.
        const from = inside(target, t.source) ? [a.ax + 20, a.ay + HEAD_H] : [a.ax + a.w / 2, a.ay + a.h / 2];
        const to = [b.ax + b.w / 2, b.ay + b.h / 2];
        const dx = to[0] - from[0];
        const dy = to[1] - from[1];
        const len = Math.hypot(dx, dy) || 1;
        // Bend edges apart: parallel edges by their index, edges along a row so they pass under the boxes between.
        const bend = n * 16 + (Math.abs(dy) < 4 && Math.abs(dx) > a.w / 2 + b.w / 2 + GAP_X ? 0.22 * len : 0);
        const ctrl = [(from[0] + to[0]) / 2 - (dy / len) * bend, (from[1] + to[1]) / 2 + (dx / len) * bend];
        const p1 = inside(target, t.source) ? from : border(a, ctrl[0], ctrl[1]);
        const p2 = border(b, ctrl[0], ctrl[1]);
        g.append(el('path', { ...data, d: `M ${p1[0]} ${p1[1]} Q ${ctrl[0]} ${ctrl[1]}, ${p2[0]} ${p2[1]}` }));
        label = bezier(p1, ctrl, p2, LABEL_AT[k % LABEL_AT.length]);
      }
      g.append(el('text', { class: 'edge-label', x: label[0], y: label[1] + 3, 'text-anchor': 'middle', 'data-source': t.source }, t.label));
    }
  }
}

/** Renders `chart` into `container` (replacing its content); returns the SVG element. */
export function renderChart(container, chart) {
  const root = layout(chart.root);
  const boxes = new Map();
  place(root, 10, 10, boxes);
  const svg = el('svg', { class: 'chart', width: root.w + 120, height: root.h + 30, viewBox: `0 0 ${root.w + 120} ${root.h + 30}`, 'data-machine': chart.id });
  const defs = el('defs');
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(el('path', { d: 'M 0 0 L 10 5 L 0 10 z' }));
  defs.append(marker);
  svg.append(defs);
  const states = el('g', { class: 'states' });
  drawState(root, states, true);
  const edges = el('g', { class: 'edges' });
  drawEdges(root, boxes, edges);
  svg.append(states, edges);
  container.replaceChildren(svg);
  return svg;
}

/** Marks the states whose paths are in `active` (a Set) with the class `active`. */
export function highlight(svg, active) {
  for (const g of svg.querySelectorAll('g.state')) g.classList.toggle('active', active.has(g.getAttribute('data-path')));
}

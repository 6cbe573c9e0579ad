// The inspector page: actor tree, the selected actor's chart with its state highlighted, timeline,
// and a slider over the trace. Live records arrive over Server-Sent Events; a loaded JSON-lines
// trace replaces them (replay mode).
import { highlight, renderChart } from './chartView.js';
import { activePaths, actorTree, actorsAt, parseTraceText, stateText } from './traceModel.js';

const $ = (id) => document.getElementById(id);
const ui = {
  charts: {},
  records: [],
  seqs: new Set(),
  mode: 'live',
  position: 0,
  follow: true,
  selected: { actor: undefined, machine: undefined, explicit: false },
  contexts: new Map(),
  rendered: { machine: undefined, svg: undefined },
  pending: false,
};

const time = (t) => (typeof t === 'number' ? new Date(t).toISOString().replace('T', ' ').replace('Z', '') : '–');
const params = new URLSearchParams(location.search);

function addRecords(list) {
  for (const r of list) {
    if (ui.seqs.has(r.seq)) continue;
    ui.seqs.add(r.seq);
    ui.records.push(r);
  }
  if (ui.records.length > 1 && ui.records.at(-2).seq > ui.records.at(-1).seq) ui.records.sort((a, b) => a.seq - b.seq);
  schedule();
}

function schedule() {
  if (ui.pending) return;
  ui.pending = true;
  requestAnimationFrame(() => {
    ui.pending = false;
    render();
  });
}

// Until someone picks an actor: the first pod actor, else the first actor with a catalogued chart.
function defaultSelection(actors) {
  if (ui.selected.explicit) return;
  const wantActor = params.get('actor');
  const wantMachine = params.get('machine') ?? 'pod';
  const list = [...actors.values()];
  const pick = (wantActor && actors.get(wantActor)) || list.find((a) => a.machine === wantMachine) || list.find((a) => a.machine === 'reconciler') || list.find((a) => a.machine && ui.charts[a.machine]);
  if (pick) ui.selected = { actor: pick.name, machine: pick.machine, explicit: false };
  else if (!ui.selected.machine && ui.charts[wantMachine]) ui.selected = { actor: undefined, machine: wantMachine, explicit: false };
}

function select(actor, machine) {
  ui.selected = { actor, machine, explicit: true };
  schedule();
}

function treeItem(node, actors) {
  const a = node.actor;
  const li = document.createElement('li');
  const row = document.createElement('div');
  row.className = `actor${a.name === ui.selected.actor ? ' selected' : ''}${a.status !== 'active' ? ` ${a.status}` : ''}`;
  row.dataset.actor = a.name;
  row.innerHTML = '<span class="name"></span> <span class="machine"></span> <span class="state"></span>';
  row.querySelector('.name').textContent = a.name;
  row.querySelector('.machine').textContent = a.machine ? `(${a.machine})` : '';
  row.querySelector('.state').textContent = a.state === undefined ? '' : stateText(a.state);
  row.addEventListener('click', () => select(a.name, a.machine));
  li.append(row);
  if (node.children.length > 0) {
    const ul = document.createElement('ul');
    for (const c of node.children) ul.append(treeItem(c, actors));
    li.append(ul);
  }
  return li;
}

function renderChartPanel(actors) {
  const actor = ui.selected.actor ? actors.get(ui.selected.actor) : undefined;
  const machine = actor?.machine ?? ui.selected.machine;
  const entry = machine ? ui.charts[machine] : undefined;
  $('chart-name').textContent = entry ? `${entry.name}${actor ? ` — ${actor.name}` : ''}` : machine ?? '–';
  $('chart-description').textContent = entry ? `${entry.description ?? ''}${entry.models ? ` Models: ${entry.models}.` : ''}${entry.writes?.length ? ` Writes: ${entry.writes.join(', ')}.` : ''}` : '';
  if (ui.rendered.machine !== machine) {
    ui.rendered = { machine, svg: entry ? renderChart($('chart'), entry.chart) : undefined };
    if (!entry) $('chart').textContent = machine ? `no chart for machine ${machine}` : 'select an actor';
  }
  const state = actor?.state;
  const cur = $('current-state');
  cur.textContent = actor ? `${stateText(state)} (since ${time(actor.since)})` : '';
  cur.dataset.state = actor ? stateText(state) : '';
  if (ui.rendered.svg) highlight(ui.rendered.svg, new Set(actor && state !== undefined ? activePaths(state) : []));
  const ctx = $('actor-context');
  ctx.replaceChildren();
  const live = actor && ui.mode === 'live' ? ui.contexts.get(actor.name) : undefined;
  for (const [k, v] of Object.entries({ object: actor?.object, ...(live?.context ?? {}) })) {
    if (v === undefined) continue;
    const tr = ctx.insertRow();
    tr.insertCell().textContent = k;
    tr.insertCell().textContent = typeof v === 'string' ? v : JSON.stringify(v);
  }
}

function recordText(r) {
  switch (r.kind) {
    case 'transition':
      return `${r.actor}: ${r.from === null ? '(start)' : stateText(r.from)} → ${stateText(r.to)} on ${r.event}`;
    case 'actor':
      return `${r.actor} started${r.object ? ` for ${r.object}` : ''}${r.state !== undefined ? ` in ${stateText(r.state)}` : ''}`;
    case 'status':
      return `${r.actor} ${r.status}`;
    case 'event':
      return `${r.actor} ← ${r.event}${r.source ? ` from ${r.source}` : ''}`;
    case 'k8s-event':
      return `${r.type} ${r.reason} ${r.involved}: ${r.message}`;
    default:
      return JSON.stringify(r);
  }
}

function renderTimeline() {
  const only = $('only-selected').checked;
  const withEvents = $('show-events').checked;
  const items = [];
  for (let i = Math.min(ui.position, ui.records.length) - 1; i >= 0 && items.length < 300; i--) {
    const r = ui.records[i];
    if (r.kind === 'event' && !withEvents) continue;
    if (only && r.actor !== ui.selected.actor && !(r.kind === 'k8s-event' && r.object === ui.contexts.get(ui.selected.actor)?.object)) continue;
    items.push(r);
  }
  const ol = $('timeline');
  ol.replaceChildren(
    ...items.reverse().map((r) => {
      const li = document.createElement('li');
      li.className = `rec ${r.kind}${r.type === 'Warning' ? ' warning' : ''}`;
      li.dataset.seq = r.seq;
      li.innerHTML = '<time></time> <span></span>';
      li.querySelector('time').textContent = time(r.t).slice(11);
      li.querySelector('span').textContent = recordText(r);
      return li;
    }),
  );
  if (ui.follow) ol.scrollTop = ol.scrollHeight;
}

function render() {
  const slider = $('time-slider');
  slider.max = String(ui.records.length);
  if (ui.follow) ui.position = ui.records.length;
  slider.value = String(ui.position);
  $('slider-label').textContent = `${ui.position} / ${ui.records.length}`;
  $('cluster-time').textContent = time(ui.records[ui.position - 1]?.t);
  $('mode').textContent = ui.mode === 'live' ? 'live' : 'replay';
  $('mode').className = `badge ${ui.mode}`;
  $('go-live').hidden = ui.mode === 'live';
  const actors = actorsAt(ui.records, ui.position);
  defaultSelection(actors);
  $('actor-tree').replaceChildren(...actorTree(actors).map((n) => treeItem(n, actors)));
  renderChartPanel(actors);
  renderTimeline();
}

function renderChartList() {
  $('chart-list').replaceChildren(
    ...Object.entries(ui.charts).map(([id, c]) => {
      const li = document.createElement('li');
      li.textContent = c.name;
      li.dataset.machine = id;
      li.addEventListener('click', () => select(undefined, id));
      return li;
    }),
  );
}

async function loadLive() {
  ui.mode = 'live';
  ui.records = [];
  ui.seqs = new Set();
  const state = await (await fetch('api/state')).json();
  ui.contexts = new Map(state.actors.map((a) => [a.name, a]));
  addRecords(state.records);
}

async function pollContexts() {
  if (ui.mode !== 'live') return;
  try {
    const state = await (await fetch('api/state')).json();
    ui.contexts = new Map(state.actors.map((a) => [a.name, a]));
    schedule();
  } catch {
    // The cluster may have stopped; the page keeps what it has.
  }
}

async function main() {
  ui.charts = await (await fetch('api/charts')).json();
  renderChartList();
  await loadLive();
  const stream = new EventSource('api/stream');
  stream.onmessage = (m) => ui.mode === 'live' && addRecords([JSON.parse(m.data)]);
  stream.onerror = () => ($('mode').textContent = ui.mode === 'live' ? 'live (disconnected)' : 'replay');
  setInterval(pollContexts, 2000);
  $('time-slider').addEventListener('input', (e) => {
    ui.position = Number(e.target.value);
    ui.follow = ui.position >= ui.records.length;
    $('follow').checked = ui.follow;
    schedule();
  });
  $('follow').addEventListener('change', (e) => ((ui.follow = e.target.checked), schedule()));
  $('only-selected').addEventListener('change', schedule);
  $('show-events').addEventListener('change', schedule);
  $('go-live').addEventListener('click', () => void loadLive().then(() => ((ui.follow = true), ($('follow').checked = true), schedule())));
  $('trace-file').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      const records = parseTraceText(await file.text());
      ui.mode = 'replay';
      ui.records = [];
      ui.seqs = new Set();
      ui.follow = false;
      $('follow').checked = false;
      addRecords(records);
      ui.position = 0;
      schedule();
    } catch (err) {
      alert(`Not a trace: ${err.message}`);
    }
  });
}

main().catch((e) => {
  $('mode').textContent = `error: ${e.message}`;
});

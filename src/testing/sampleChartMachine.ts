import { fromCallback, setup } from 'xstate';

/**
 * A small machine with every feature the chart exporters draw: nested and parallel states, initial
 * and final states, a numeric and a named `after` delay, guarded `on` edges, `always` transitions,
 * a targetless transition, an invoked actor, and a transition of a compound state into its own child.
 */
export const sampleChartMachine = setup({
  actors: { worker: fromCallback(() => () => {}) },
  guards: { ok: () => true, ready: () => true },
  delays: { backoff: () => 2500 },
  actions: { note: () => {} },
}).createMachine({
  id: 'sample',
  initial: 'idle',
  invoke: { id: 'worker', src: 'worker' },
  states: {
    idle: { on: { start: [{ guard: 'ok', target: 'busy' }, { target: 'failed' }], ping: { actions: 'note' } } },
    busy: {
      type: 'parallel',
      on: { stop: 'done' },
      states: {
        work: {
          initial: 'step1',
          on: { restart: '.step1' },
          states: {
            step1: { after: { 10000: 'step2' } },
            step2: { always: { guard: 'ready', target: 'step3' } },
            step3: { after: { backoff: 'step1' } },
          },
        },
        watch: { initial: 'quiet', states: { quiet: { on: { alarm: 'loud' } }, loud: {} } },
      },
    },
    failed: { on: { retry: 'idle' } },
    done: { type: 'final' },
  },
});

import { assign, setup } from 'xstate';

/**
 * kube-apiserver's lifecycle: serving requests until stopped (its watches then end). The request
 * path itself is synchronous code (`src/apiserver`); this actor is the component the rest of the
 * system sees, with counters of what it served.
 * @public
 */
export const apiServerMachine = setup({
  types: {
    context: {} as { readonly writes: number; readonly revision: number },
    events: {} as { type: 'apiserver.committed'; revision: number } | { type: 'apiserver.stop' },
  },
  actions: {
    closeWatches: () => {},
  },
}).createMachine({
  id: 'kube-apiserver',
  context: { writes: 0, revision: 0 },
  initial: 'serving',
  states: {
    serving: {
      on: {
        'apiserver.committed': { actions: assign({ writes: ({ context }) => context.writes + 1, revision: ({ event }) => event.revision }) },
        'apiserver.stop': 'stopped',
      },
    },
    stopped: { type: 'final', entry: 'closeWatches' },
  },
});

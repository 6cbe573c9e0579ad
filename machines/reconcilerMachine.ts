import { assign, fromCallback, setup } from 'xstate';

/** Events a reconciler actor understands. */
export type ReconcilerEvent =
  | { type: 'informers.synced' }
  | { type: 'queue.ready' }
  | { type: 'reconcile.started'; key: string }
  | { type: 'reconcile.succeeded'; key: string; requeueAfterMs?: number | undefined }
  | { type: 'reconcile.failed'; key: string; error: unknown; terminal: boolean }
  | { type: 'controller.stop' };

/** Context of a reconciler actor: counters only (the queue lives in the actor wiring). */
export interface ReconcilerContext {
  readonly name: string;
  readonly maxConcurrent: number;
  readonly active: number;
  readonly reconciled: number;
  readonly failures: number;
  readonly lastError: string | undefined;
}

/**
 * The controller loop as a statechart (controller-runtime's reconcileHandler): it waits for its
 * caches to sync, then pulls keys from its queue while it has capacity; each outcome is a transition:
 * success forgets the key, `requeueAfterMs` forgets and re-adds it later, an error re-adds it
 * rate-limited, a terminal error drops it and records an Event.
 *
 * Side effects are named actions provided by the wiring (`actors/controllerActor.ts`):
 * `startWork`, `forget`, `requeueAfter`, `requeueRateLimited`, `markDone`, `recordTerminal`, `shutDownQueue`.
 * @public
 */
export const reconcilerMachine = setup({
  types: {
    context: {} as ReconcilerContext,
    input: {} as { name: string; maxConcurrent?: number },
    events: {} as ReconcilerEvent,
  },
  actors: {
    // Replaced by the wiring (informer handlers + queue) in actors/controllerActor.ts.
    wiring: fromCallback<ReconcilerEvent>(() => () => {}),
  },
  actions: {
    startWork: () => {},
    forget: (_, _params: { key: string }) => {},
    requeueAfter: (_, _params: { key: string; delayMs: number }) => {},
    requeueRateLimited: (_, _params: { key: string }) => {},
    markDone: (_, _params: { key: string }) => {},
    recordTerminal: (_, _params: { key: string; error: unknown }) => {},
    shutDownQueue: () => {},
    countStarted: assign({ active: ({ context }) => context.active + 1 }),
    countSucceeded: assign({ active: ({ context }) => context.active - 1, reconciled: ({ context }) => context.reconciled + 1 }),
    countFailed: assign({
      active: ({ context }) => context.active - 1,
      failures: ({ context }) => context.failures + 1,
      lastError: (_, params: { error: unknown }) => (params.error instanceof Error ? params.error.message : String(params.error)),
    }),
  },
  guards: {
    hasRequeueAfter: ({ event }) => event.type === 'reconcile.succeeded' && (event.requeueAfterMs ?? 0) > 0,
    isTerminal: ({ event }) => event.type === 'reconcile.failed' && event.terminal,
    isBusy: ({ context }) => context.active > 0,
    isIdle: ({ context }) => context.active === 0,
  },
}).createMachine({
  id: 'reconciler',
  context: ({ input }) => ({ name: input.name, maxConcurrent: input.maxConcurrent ?? 1, active: 0, reconciled: 0, failures: 0, lastError: undefined }),
  invoke: { id: 'wiring', src: 'wiring' },
  initial: 'waitingForCacheSync',
  states: {
    waitingForCacheSync: {
      on: { 'informers.synced': 'running', 'controller.stop': 'stopped' },
    },
    running: {
      initial: 'idle',
      entry: 'startWork',
      states: {
        idle: {
          always: { guard: 'isBusy', target: 'reconciling' },
        },
        reconciling: {
          always: { guard: 'isIdle', target: 'idle' },
        },
      },
      on: {
        'queue.ready': { actions: 'startWork' },
        'reconcile.started': { actions: 'countStarted' },
        'reconcile.succeeded': [
          {
            guard: 'hasRequeueAfter',
            actions: [
              { type: 'forget', params: ({ event }) => ({ key: event.key }) },
              { type: 'requeueAfter', params: ({ event }) => ({ key: event.key, delayMs: event.requeueAfterMs ?? 0 }) },
              { type: 'markDone', params: ({ event }) => ({ key: event.key }) },
              'countSucceeded',
              'startWork',
            ],
          },
          {
            actions: [
              { type: 'forget', params: ({ event }) => ({ key: event.key }) },
              { type: 'markDone', params: ({ event }) => ({ key: event.key }) },
              'countSucceeded',
              'startWork',
            ],
          },
        ],
        'reconcile.failed': [
          {
            guard: 'isTerminal',
            actions: [
              { type: 'forget', params: ({ event }) => ({ key: event.key }) },
              { type: 'markDone', params: ({ event }) => ({ key: event.key }) },
              { type: 'recordTerminal', params: ({ event }) => ({ key: event.key, error: event.error }) },
              { type: 'countFailed', params: ({ event }) => ({ error: event.error }) },
              'startWork',
            ],
          },
          {
            actions: [
              { type: 'requeueRateLimited', params: ({ event }) => ({ key: event.key }) },
              { type: 'markDone', params: ({ event }) => ({ key: event.key }) },
              { type: 'countFailed', params: ({ event }) => ({ error: event.error }) },
              'startWork',
            ],
          },
        ],
        'controller.stop': { target: 'stopping', actions: 'shutDownQueue' },
      },
    },
    stopping: {
      always: { guard: 'isIdle', target: 'stopped' },
      on: {
        'reconcile.started': { actions: 'countStarted' },
        'reconcile.succeeded': { actions: [{ type: 'markDone', params: ({ event }) => ({ key: event.key }) }, 'countSucceeded'] },
        'reconcile.failed': { actions: [{ type: 'markDone', params: ({ event }) => ({ key: event.key }) }, { type: 'countFailed', params: ({ event }) => ({ error: event.error }) }] },
      },
    },
    stopped: { type: 'final' },
  },
});

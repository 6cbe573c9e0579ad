import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createWorkQueue, type WorkQueue } from '../src/client/workQueue.ts';

// client-go util/workqueue/doc.go: fair (FIFO by first add), stingy (never two handouts of one key at
// once; adds before a handout coalesce), and a key re-added while processing is handed out after done.

const KEYS = ['a', 'b', 'c', 'd', 'e'] as const;
const key = fc.constantFrom(...KEYS);

/** A deliberately naive model: a list of waiting keys and two sets, all scanned linearly. */
interface Model {
  waiting: string[];
  processing: Set<string>;
  redoAfterDone: Set<string>;
  shut: boolean;
  wakeups: number;
}
interface Real {
  queue: WorkQueue;
  wakeups: { count: number };
}

function checkAgrees(m: Model, r: Real): void {
  expect(r.queue.len()).toBe(m.waiting.length);
  expect(r.queue.shuttingDown()).toBe(m.shut);
  expect(r.wakeups.count).toBe(m.wakeups);
  for (const k of KEYS) {
    expect(r.queue.isProcessing(k)).toBe(m.processing.has(k));
    expect(r.queue.isDirty(k)).toBe(m.waiting.includes(k) || m.redoAfterDone.has(k));
  }
}

class AddCommand implements fc.Command<Model, Real> {
  readonly key: string;
  constructor(key: string) {
    this.key = key;
  }
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    r.queue.add(this.key);
    if (!m.shut) {
      if (m.processing.has(this.key)) m.redoAfterDone.add(this.key);
      else if (!m.waiting.includes(this.key)) {
        m.waiting.push(this.key);
        m.wakeups++;
      }
    }
    checkAgrees(m, r);
  }
  toString = (): string => `add(${this.key})`;
}

class GetCommand implements fc.Command<Model, Real> {
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const got = r.queue.get();
    expect(got).toBe(m.waiting[0]);
    if (got !== undefined) {
      expect(m.processing.has(got)).toBe(false);
      m.waiting.shift();
      m.processing.add(got);
    }
    checkAgrees(m, r);
  }
  toString = (): string => 'get()';
}

class DoneCommand implements fc.Command<Model, Real> {
  readonly key: string;
  constructor(key: string) {
    this.key = key;
  }
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    r.queue.done(this.key);
    // done() for a key nobody holds is ignored (client-go would even queue it twice).
    if (m.processing.delete(this.key) && m.redoAfterDone.delete(this.key)) {
      m.waiting.push(this.key);
      m.wakeups++;
    }
    checkAgrees(m, r);
  }
  toString = (): string => `done(${this.key})`;
}

class ShutDownCommand implements fc.Command<Model, Real> {
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    r.queue.shutDown();
    if (!m.shut) m.wakeups++;
    m.shut = true;
    checkAgrees(m, r);
  }
  toString = (): string => 'shutDown()';
}

// Shutting down ends the interesting part of a run, so it is drawn rarely.
const commands = [
  fc.oneof(
    { arbitrary: key.map((k): fc.Command<Model, Real> => new AddCommand(k)), weight: 5 },
    { arbitrary: fc.constant<fc.Command<Model, Real>>(new GetCommand()), weight: 4 },
    { arbitrary: key.map((k): fc.Command<Model, Real> => new DoneCommand(k)), weight: 4 },
    { arbitrary: fc.constant<fc.Command<Model, Real>>(new ShutDownCommand()), weight: 1 },
  ),
];

describe(`workQueue properties (seed: ${fc.readConfigureGlobal().seed ?? 'random'})`, () => {
  it('should behave like the naive fair and stingy model over any add/get/done/shutDown sequence', () => {
    fc.assert(
      fc.property(fc.commands(commands, { size: '+1' }), (cmds) => {
        const setup = (): { model: Model; real: Real } => {
          const queue = createWorkQueue();
          const wakeups = { count: 0 };
          queue.onReady(() => wakeups.count++);
          return { model: { waiting: [], processing: new Set(), redoAfterDone: new Set(), shut: false, wakeups: 0 }, real: { queue, wakeups } };
        };
        fc.modelRun(setup, cmds);
      }),
      { numRuns: 300 },
    );
  });

  it('should hand every added key to a worker after its last add, never to two workers at once', () => {
    const step = fc.oneof(
      key.map((k) => ({ kind: 'add' as const, key: k })),
      fc.nat(3).map((worker) => ({ kind: 'get' as const, worker })),
      fc.nat(3).map((worker) => ({ kind: 'done' as const, worker })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const queue = createWorkQueue();
        const held: (string | undefined)[] = [undefined, undefined, undefined, undefined];
        const lastAdd = new Map<string, number>();
        const lastStart = new Map<string, number>();
        let clock = 0;
        const take = (worker: number): void => {
          if (held[worker] !== undefined) return;
          const k = queue.get();
          if (k === undefined) return;
          expect(held).not.toContain(k);
          held[worker] = k;
          lastStart.set(k, clock++);
        };
        const release = (worker: number): void => {
          const k = held[worker];
          if (k === undefined) return;
          held[worker] = undefined;
          queue.done(k);
        };
        for (const s of steps) {
          if (s.kind === 'add') {
            queue.add(s.key);
            lastAdd.set(s.key, clock++);
          } else if (s.kind === 'get') take(s.worker);
          else release(s.worker);
        }
        // Workers finish and keep draining until the queue is idle.
        for (let w = 0; w < held.length; w++) release(w);
        while (queue.len() > 0) {
          take(0);
          release(0);
        }
        for (const [k, at] of lastAdd) expect(lastStart.get(k) ?? -1).toBeGreaterThan(at);
      }),
      { numRuns: 300 },
    );
  });
});

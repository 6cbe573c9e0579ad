/**
 * A seeded pseudo-random generator (sfc32 seeded through splitmix32). The same seed always gives the
 * same sequence; {@link Rng.fork} derives an independent stream so that adding draws in one component
 * does not shift another's.
 * @public
 */
export interface Rng {
  /** The seed this generator was created from. */
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** Fills `bytes` with random bytes and returns it. */
  bytes(bytes: Uint8Array): Uint8Array;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** An independent generator derived from this one's seed and `label`. */
  fork(label: string): Rng;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function hashLabel(label: string): number {
  // FNV-1a, 32 bit.
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Creates a seeded {@link Rng}.
 * @example
 * const rng = createRng(42);
 * rng.int(6); // always the same for seed 42
 * @public
 */
export function createRng(seed: number): Rng {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next32();
  const rng: Rng = {
    seed,
    next: () => next32() / 4294967296,
    int: (n) => {
      if (!(n > 0)) throw new RangeError(`rng.int needs a positive bound, got ${n}`);
      return Math.floor((next32() / 4294967296) * n);
    },
    bytes: (out) => {
      for (let i = 0; i < out.length; i++) out[i] = next32() & 0xff;
      return out;
    },
    pick: (items) => {
      if (items.length === 0) throw new RangeError('rng.pick needs a non-empty array');
      return items[rng.int(items.length)] as (typeof items)[number];
    },
    fork: (label) => createRng((seed ^ hashLabel(label)) >>> 0),
  };
  return rng;
}

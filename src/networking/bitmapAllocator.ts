import type { Rng } from '../runtime/sim/rng.ts';

/**
 * A bitmap over the offsets `[0, size)`, with upstream's `randomScanStrategyWithOffset`: a dynamic
 * allocation starts at a random offset in the upper band `[offset, size)` and scans forward
 * (wrapping inside the band); only when the upper band is full does it scan the lower band
 * `[0, offset)`, which is kept for addresses people ask for by number (kube-dns at `.10`).
 * Randomness comes from the cluster RNG, so allocation is deterministic for a seed.
 * @public
 */
export class BitmapAllocator {
  readonly size: number;
  /** Start of the band dynamic allocations prefer. */
  readonly offset: number;
  private readonly words: Uint32Array;
  private used = 0;
  private readonly rng: Rng;

  constructor(size: number, offset: number, rng: Rng) {
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`bitmap size must be a non-negative integer, got ${size}`);
    this.size = size;
    this.offset = Math.max(0, Math.min(offset, size));
    this.words = new Uint32Array(Math.ceil(size / 32));
    this.rng = rng;
  }

  /** How many offsets are taken. */
  count(): number {
    return this.used;
  }

  /** How many offsets are free. */
  free(): number {
    return this.size - this.used;
  }

  has(i: number): boolean {
    if (!Number.isInteger(i) || i < 0 || i >= this.size) return false;
    return ((this.words[i >>> 5] ?? 0) & (1 << (i & 31))) !== 0;
  }

  /** Marks `i` taken; false when it was taken already or is out of range. */
  allocate(i: number): boolean {
    if (!Number.isInteger(i) || i < 0 || i >= this.size || this.has(i)) return false;
    this.words[i >>> 5] = (this.words[i >>> 5] ?? 0) | (1 << (i & 31));
    this.used++;
    return true;
  }

  /** Frees `i` (a no-op when it was free). */
  release(i: number): void {
    if (!this.has(i)) return;
    this.words[i >>> 5] = (this.words[i >>> 5] ?? 0) & ~(1 << (i & 31));
    this.used--;
  }

  /** Takes a free offset (upper band first, random start), or undefined when full. */
  allocateNext(): number | undefined {
    if (this.used >= this.size) return undefined;
    const upper = this.scan(this.offset, this.size);
    const found = upper ?? this.scan(0, this.offset);
    if (found !== undefined) this.allocate(found);
    return found;
  }

  /** Every taken offset, ascending. */
  *taken(): Generator<number> {
    for (let w = 0; w < this.words.length; w++) {
      const word = this.words[w] ?? 0;
      if (word === 0) continue;
      for (let b = 0; b < 32; b++) if ((word & (1 << b)) !== 0) yield w * 32 + b;
    }
  }

  // A random start in [from, to), then the first free offset at or after it, wrapping to `from`.
  private scan(from: number, to: number): number | undefined {
    const span = to - from;
    if (span <= 0) return undefined;
    const start = from + this.rng.int(span);
    return this.firstFree(start, to) ?? this.firstFree(from, start);
  }

  private firstFree(from: number, to: number): number | undefined {
    let i = from;
    while (i < to) {
      const word = this.words[i >>> 5] ?? 0;
      // Skip whole words that are full.
      if (word === 0xffffffff && (i & 31) === 0) {
        i += 32;
        continue;
      }
      if ((word & (1 << (i & 31))) === 0) return i;
      i++;
    }
    return undefined;
  }
}

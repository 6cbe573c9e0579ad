import type { Rng } from '../runtime/sim/rng.ts';
import { BitmapAllocator } from './bitmapAllocator.ts';

/** A port range `base-(base+size-1)`, as `--service-node-port-range` takes it. */
export interface PortRange {
  readonly base: number;
  readonly size: number;
  readonly text: string;
}

/** Parses `30000-32767` (or a single port `30000`); throws on bad input. */
export function parsePortRange(text: string): PortRange {
  const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(text);
  const lo = Number(m?.[1]);
  const hi = m?.[2] === undefined ? lo : Number(m[2]);
  if (m === null || lo < 1 || hi > 65535 || hi < lo) throw new TypeError(`invalid port range: ${JSON.stringify(text)}`);
  return { base: lo, size: hi - lo + 1, text: `${lo}-${hi}` };
}

// Upstream calculateRangeOffset for ports: min(max(16, size/32), 128), and 0 for 16 ports or fewer.
function rangeOffset(size: number): number {
  if (size <= 16) return 0;
  return Math.min(128, Math.max(16, Math.floor(size / 32)));
}

/**
 * The NodePort allocator (kube-apiserver's `portallocator`): a bitmap over the node-port range,
 * dynamic allocations from a random start in the upper band (cluster RNG), requested ports anywhere.
 * @public
 */
export class PortAllocator {
  readonly range: PortRange;
  private readonly bitmap: BitmapAllocator;

  constructor(range: string, rng: Rng) {
    this.range = parsePortRange(range);
    this.bitmap = new BitmapAllocator(this.range.size, rangeOffset(this.range.size), rng);
  }

  contains(port: number): boolean {
    return Number.isInteger(port) && port >= this.range.base && port < this.range.base + this.range.size;
  }

  has(port: number): boolean {
    return this.contains(port) && this.bitmap.has(port - this.range.base);
  }

  /** Allocates `port`; returns the upstream error text when it cannot. */
  allocate(port: number): string | undefined {
    if (!this.contains(port)) return `provided port is not in the valid range. The range of valid ports is ${this.range.text}`;
    return this.bitmap.allocate(port - this.range.base) ? undefined : 'provided port is already allocated';
  }

  /** Allocates a free port, or undefined when the range is full. */
  allocateNext(): number | undefined {
    const i = this.bitmap.allocateNext();
    return i === undefined ? undefined : this.range.base + i;
  }

  release(port: number): void {
    if (this.contains(port)) this.bitmap.release(port - this.range.base);
  }

  count(): number {
    return this.bitmap.count();
  }

  free(): number {
    return this.bitmap.free();
  }

  /** Every allocated port, ascending. */
  allocated(): number[] {
    return [...this.bitmap.taken()].map((i) => this.range.base + i);
  }
}

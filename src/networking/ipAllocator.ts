import type { Rng } from '../runtime/sim/rng.ts';
import { BitmapAllocator } from './bitmapAllocator.ts';

/** A parsed IPv4 CIDR: its network address as an unsigned integer and its prefix length. */
export interface Ipv4Cidr {
  readonly base: number;
  readonly prefix: number;
  /** Addresses in the block (2^(32 - prefix)). */
  readonly size: number;
  readonly text: string;
}

/** `10.96.0.1` → its unsigned 32-bit value, or undefined when it is not a dotted-quad IPv4 address. */
export function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

/** An unsigned 32-bit value → dotted-quad text. */
export function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Parses `10.96.0.0/12` (host bits are masked off, as Go's `net.ParseCIDR` does); throws on bad input. */
export function parseCidr(text: string): Ipv4Cidr {
  const [ip, bits, ...rest] = text.split('/');
  const addr = ipv4ToInt(ip ?? '');
  const prefix = Number(bits);
  if (addr === undefined || rest.length > 0 || bits === undefined || !/^\d{1,2}$/.test(bits) || prefix > 32) {
    throw new TypeError(`invalid CIDR address: ${text}`);
  }
  const size = 2 ** (32 - prefix);
  const base = prefix === 0 ? 0 : Math.floor(addr / size) * size;
  return { base, prefix, size, text: `${intToIpv4(base)}/${prefix}` };
}

/** True when `ip` lies inside `cidr`. */
export function cidrContains(cidr: Ipv4Cidr, ip: string): boolean {
  const n = ipv4ToInt(ip);
  return n !== undefined && n >= cidr.base && n < cidr.base + cidr.size;
}

/** Why an IP could not be allocated (upstream ipallocator's errors, same wording). */
export type IpAllocationError = string;

// Upstream calculateRangeOffset: min(max(16, size/16), 256), and 0 for blocks under 16 addresses.
function rangeOffset(size: number): number {
  if (size < 16) return 0;
  return Math.min(256, Math.max(16, Math.floor(size / 16)));
}

/**
 * The ClusterIP allocator (kube-apiserver's `ipallocator.Range` over a bitmap): every address of
 * the service CIDR except the network and broadcast addresses; dynamic allocations prefer the
 * upper band and pick a random start there (cluster RNG), requested addresses may be anywhere.
 * @public
 */
export class IpAllocator {
  readonly cidr: Ipv4Cidr;
  private readonly bitmap: BitmapAllocator;

  constructor(cidr: string, rng: Rng) {
    this.cidr = parseCidr(cidr);
    if (this.cidr.prefix > 30) throw new TypeError(`service CIDR ${cidr} is too small (at most /30)`);
    const size = this.cidr.size - 2;
    this.bitmap = new BitmapAllocator(size, rangeOffset(this.cidr.size), rng);
  }

  /** The first usable address (`10.96.0.1` for `10.96.0.0/12`): the `kubernetes` Service's. */
  first(): string {
    return intToIpv4(this.cidr.base + 1);
  }

  /** The address `n` places after the network address (`nth(10)` is kube-dns's `10.96.0.10`). */
  nth(n: number): string {
    return intToIpv4(this.cidr.base + n);
  }

  contains(ip: string): boolean {
    const i = this.index(ip);
    return i !== undefined;
  }

  has(ip: string): boolean {
    const i = this.index(ip);
    return i !== undefined && this.bitmap.has(i);
  }

  /** Allocates `ip`; returns the upstream error text when it cannot. */
  allocate(ip: string): IpAllocationError | undefined {
    const i = this.index(ip);
    if (i === undefined) return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr.text}`;
    return this.bitmap.allocate(i) ? undefined : 'provided IP is already allocated';
  }

  /** Allocates a free address, or undefined when the range is full. */
  allocateNext(): string | undefined {
    const i = this.bitmap.allocateNext();
    return i === undefined ? undefined : intToIpv4(this.cidr.base + 1 + i);
  }

  release(ip: string): void {
    const i = this.index(ip);
    if (i !== undefined) this.bitmap.release(i);
  }

  /** Addresses taken. */
  count(): number {
    return this.bitmap.count();
  }

  /** Addresses free. */
  free(): number {
    return this.bitmap.free();
  }

  /** Every allocated address, ascending. */
  allocated(): string[] {
    return [...this.bitmap.taken()].map((i) => intToIpv4(this.cidr.base + 1 + i));
  }

  private index(ip: string): number | undefined {
    const n = ipv4ToInt(ip);
    if (n === undefined) return undefined;
    const i = n - this.cidr.base - 1;
    return i >= 0 && i < this.bitmap.size ? i : undefined;
  }
}

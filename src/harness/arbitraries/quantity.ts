import type fc from 'fast-check';
import { CPU_STEPS, cpuForms, MEMORY_STEPS, memoryForms, roundAmount } from './quantityForms.ts';

/** Bounds and spelling of generated CPU quantities. */
export interface CpuQuantityOptions {
  /** Smallest amount in millicores (default 0). */
  readonly minMillis?: number;
  /** Largest amount in millicores (default 64 000, 64 cores). */
  readonly maxMillis?: number;
  /**
   * `true`: only canonical spellings (`500m`, `2`, as kube-apiserver prints them); `false`: only
   * other spellings of the same amount (`0.5`, `2000m`, `500e-3`); default both.
   */
  readonly canonical?: boolean;
}

/** Bounds and spelling of generated memory quantities. */
export interface MemoryQuantityOptions {
  /** Smallest amount in bytes (default 0). */
  readonly minBytes?: number;
  /** Largest amount in bytes (default 64 GiB). */
  readonly maxBytes?: number;
  /** `true`: only canonical spellings (`128Mi`, `1G`); `false`: only others (`131072Ki`, `0.125Gi`, `1e9`); default both. */
  readonly canonical?: boolean;
}

/**
 * CPU quantities kube-apiserver accepts, as strings: whole millicores spelt in the forms
 * `resource.ParseQuantity` reads (`250m`, `0.25`, `2`, `2000m`, `250e-3`, `250000u`).
 * @example
 * fc.assert(fc.property(cpuQuantity({ maxMillis: 4000 }), (q) => parseQuantity(q).nanos <= 4_000_000_000n));
 * @public
 */
export function cpuQuantity(options: CpuQuantityOptions = {}): fc.Arbitrary<string> {
  return roundAmount(options.minMillis ?? 0, options.maxMillis ?? 64_000, CPU_STEPS).chain((m) => cpuForms(m, options.canonical));
}

/**
 * Memory quantities kube-apiserver accepts, as strings: whole bytes in binary and decimal forms
 * (`128Mi`, `131072Ki`, `0.125Gi`, `134217728`, `1G`, `1e9`).
 * @example
 * fc.assert(fc.property(memoryQuantity({ minBytes: 1, canonical: true }), (q) => formatQuantity(parseQuantity(q)) === q));
 * @public
 */
export function memoryQuantity(options: MemoryQuantityOptions = {}): fc.Arbitrary<string> {
  return roundAmount(options.minBytes ?? 0, options.maxBytes ?? 64 * 1024 ** 3, MEMORY_STEPS).chain((b) => memoryForms(b, options.canonical));
}

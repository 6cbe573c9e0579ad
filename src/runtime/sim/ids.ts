import { customRandom } from 'nanoid';
import type { Rng } from './rng.ts';

/** The alphabet kube-apiserver uses for `generateName` suffixes (no vowels, no look-alikes). */
export const GENERATE_NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * Where every id in a cluster comes from: uids, `generateName` suffixes, pod-template hashes.
 * @public
 */
export interface IdSource {
  /** An RFC 4122 version-4 UUID string, like `metadata.uid`. */
  uid(): string;
  /** A random suffix of `length` characters from {@link GENERATE_NAME_ALPHABET} (5 by default). */
  suffix(length?: number): string;
  /** A nanoid of `length` characters over the URL-safe alphabet. */
  nanoid(length?: number): string;
}

/**
 * An {@link IdSource} built on nanoid's `customRandom` over the cluster {@link Rng}, so ids replay with the seed.
 * @public
 */
export function createIdSource(rng: Rng): IdSource {
  const random = (size: number): Uint8Array => rng.bytes(new Uint8Array(size));
  const suffixes = new Map<number, () => string>();
  const ids = new Map<number, () => string>();
  const hex = customRandom('0123456789abcdef', 32, random);
  return {
    uid() {
      const h = hex();
      const variant = '89ab'[parseInt(h.charAt(16), 16) & 3] ?? '8';
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    suffix(length = 5) {
      let gen = suffixes.get(length);
      if (gen === undefined) {
        gen = customRandom(GENERATE_NAME_ALPHABET, length, random);
        suffixes.set(length, gen);
      }
      return gen();
    },
    nanoid(length = 21) {
      let gen = ids.get(length);
      if (gen === undefined) {
        gen = customRandom('useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict', length, random);
        ids.set(length, gen);
      }
      return gen();
    },
  };
}

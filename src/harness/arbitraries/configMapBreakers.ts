import fc from 'fast-check';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { breaker, type Breaker } from './breaker.ts';
import { configMapKey } from './configMap.ts';

const badKey = fc.constantFrom('a b', '..x', '.', '..', 'x/y', 'a:b', 'k'.repeat(254), 'ünï');

/** Broken ConfigMap data: bad keys, a key in both data and binaryData. */
export function configMapBreakers(): Breaker<ConfigMap>[] {
  return [
    breaker<ConfigMap, string>('bad data key', badKey, (o, key) => {
      o.data = { ...o.data, [key]: 'x' };
      return `data[${key}]`;
    }),
    breaker<ConfigMap, string>('bad binaryData key', badKey, (o, key) => {
      o.binaryData = { ...o.binaryData, [key]: 'eA==' };
      return `binaryData[${key}]`;
    }),
    breaker<ConfigMap, string>('key in both data and binaryData', configMapKey(), (o, key) => {
      o.data = { ...o.data, [key]: 'x' };
      o.binaryData = { ...o.binaryData, [key]: 'eA==' };
      return `data[${key}]`;
    }),
  ];
}

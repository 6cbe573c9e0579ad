import fc from 'fast-check';
import type { Node, Taint } from 'kubernetes-types/core/v1.js';
import { badLabelKey, badLabelValue, badQuantity, breaker, negativeQuantity, type Breaker } from './breaker.ts';
import { labelKey } from './labels.ts';

const RESOURCES = fc.constantFrom('cpu', 'memory', 'pods', 'ephemeral-storage');

/** Broken Nodes: capacity and allocatable quantities, taints (reported under `metadata.taints`, as upstream). */
export function nodeBreakers(): Breaker<Node>[] {
  return [
    breaker<Node, [string, string, string]>('malformed or negative capacity', fc.tuple(fc.constantFrom('capacity', 'allocatable'), RESOURCES, fc.oneof(badQuantity, negativeQuantity)), (o, [which, resource, q]) => {
      // kubernetes-types marks status read-only; this is a private copy.
      const mutable = o as { status?: Record<string, Record<string, string> | undefined> };
      const status = (mutable.status ??= {});
      status[which] = { ...status[which], [resource]: q };
      return `status.${which}[${resource}]`;
    }),
    breaker<Node, [Taint, string]>(
      'invalid taint',
      fc.oneof(
        fc.tuple(labelKey(), fc.constantFrom('Sometimes', 'noschedule')).map(([key, effect]): [Taint, string] => [{ key, effect }, 'effect']),
        labelKey().map((key): [Taint, string] => [{ key } as Taint, 'effect']),
        badLabelKey.map((key): [Taint, string] => [{ key, effect: 'NoSchedule' }, 'key']),
        fc.tuple(labelKey(), badLabelValue).map(([key, value]): [Taint, string] => [{ key, value, effect: 'NoExecute' }, 'value']),
      ),
      (o, [t, field]) => {
        (o.spec ??= {}).taints = [t];
        return `metadata.taints[0].${field}`;
      },
    ),
    breaker<Node, [string, string]>('duplicate taint key and effect', fc.tuple(labelKey(), fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute')), (o, [key, effect]) => {
      (o.spec ??= {}).taints = [
        { key, value: 'a', effect },
        { key, value: 'b', effect },
      ];
      return 'metadata.taints[1]';
    }),
  ];
}

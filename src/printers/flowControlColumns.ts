import type { FlowSchema, PriorityLevelConfiguration } from 'kubernetes-types/flowcontrol/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { AGE_COLUMN, NAME_COLUMN, ageOf, col, nameOf } from './columnHelpers.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import type { KindPrinter, TableCell } from './tableTypes.ts';

/** `kubectl get flowschemas`: NAME PRIORITYLEVEL MATCHINGPRECEDENCE DISTINGUISHERMETHOD AGE MISSINGPL. @public */
export const flowSchemaPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('PriorityLevel', 'string', FIELD_DOCS.fsPriorityLevel),
    col('MatchingPrecedence', 'string', FIELD_DOCS.fsMatchingPrecedence),
    col('DistinguisherMethod', 'string', FIELD_DOCS.fsDistinguisherMethod),
    AGE_COLUMN,
    col('MissingPL', 'string', 'references a broken or non-existent PriorityLevelConfiguration'),
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const fs = obj as FlowSchema;
    const dangling = (fs.status?.conditions ?? []).find((c) => c.type === 'Dangling');
    return [
      nameOf(obj),
      fs.spec?.priorityLevelConfiguration?.name ?? '',
      // matchingPrecedence defaults to 1000.
      fs.spec?.matchingPrecedence ?? 1000,
      fs.spec?.distinguisherMethod?.type ?? '<none>',
      ageOf(obj, now),
      dangling?.status ?? '?',
    ];
  },
};

/**
 * `kubectl get prioritylevelconfigurations`: NAME TYPE NOMINALCONCURRENCYSHARES QUEUES HANDSIZE
 * QUEUELENGTHLIMIT AGE; `<none>` for the exempt level and for levels that reject instead of queuing.
 * @public
 */
export const priorityLevelConfigurationPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Type', 'string', FIELD_DOCS.plType),
    col('NominalConcurrencyShares', 'string', FIELD_DOCS.plShares),
    col('Queues', 'string', FIELD_DOCS.plQueues),
    col('HandSize', 'string', FIELD_DOCS.plHandSize),
    col('QueueLengthLimit', 'string', FIELD_DOCS.plQueueLengthLimit),
    AGE_COLUMN,
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const pl = obj as PriorityLevelConfiguration;
    const limited = pl.spec?.limited;
    const queuing = limited?.limitResponse?.queuing;
    // v1 defaults: 30 shares; 64 queues, hand size 8, queue length 50.
    return [
      nameOf(obj),
      pl.spec?.type ?? '',
      limited ? (limited.nominalConcurrencyShares ?? 30) : '<none>',
      queuing ? (queuing.queues ?? 64) : '<none>',
      queuing ? (queuing.handSize ?? 8) : '<none>',
      queuing ? (queuing.queueLengthLimit ?? 50) : '<none>',
      ageOf(obj, now),
    ];
  },
};

import type { CorpusCase } from './corpusCase.ts';
import { conflictIgnoredCase } from './conflictIgnored.ts';
import { createWithoutExpectationsCase } from './createWithoutExpectations.ts';
import { edgeTriggeredCase } from './edgeTriggered.ts';
import { eventCounterCase } from './eventCounter.ts';
import { finalizerBeforeCleanupCase } from './finalizerBeforeCleanup.ts';
import { lostInMemoryStepCase } from './lostInMemoryStep.ts';
import { lostUpdateCase } from './lostUpdate.ts';
import { missingOwnerReferenceCase } from './missingOwnerReference.ts';
import { nonIdempotentCreateCase } from './nonIdempotentCreate.ts';
import { staleOwnerUidCase } from './staleOwnerUid.ts';
import { staleStateDeleteCase } from './staleStateDelete.ts';
import { swallowedErrorCase } from './swallowedError.ts';
import { trustedAlreadyExistsCase } from './trustedAlreadyExists.ts';

export type { CorpusCase } from './corpusCase.ts';

/**
 * The bug corpus: deliberately buggy Pool controllers, one per bug class found by Sieve, Acto and
 * Anvil, each with its correct twin.
 * @public
 */
export const corpusCases: readonly CorpusCase[] = [
  staleStateDeleteCase,
  createWithoutExpectationsCase,
  nonIdempotentCreateCase,
  swallowedErrorCase,
  conflictIgnoredCase,
  edgeTriggeredCase,
  missingOwnerReferenceCase,
  staleOwnerUidCase,
  lostUpdateCase,
  trustedAlreadyExistsCase,
  lostInMemoryStepCase,
  eventCounterCase,
  finalizerBeforeCleanupCase,
];

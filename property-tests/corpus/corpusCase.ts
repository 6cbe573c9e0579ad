import type { CheckOptions, ControllerCase, DifferentialOptions, FaultKind, InvariantFactory, OperationKind } from '../../src/harness/harnessTypes.ts';
import type { PoolMatcher } from './poolMatches.ts';
import { poolResource, poolSpecArbitrary } from './poolResource.ts';

/**
 * One entry of the bug corpus: a controller with a deliberate bug of a class the research found in
 * real controllers, and its correct twin, checked with the same options.
 * @public
 */
export interface CorpusCase {
  /** camelCase name, the file name of the case. */
  readonly name: string;
  /** The bug class, in a few words. */
  readonly bugClass: string;
  /** Where the bug class comes from (paper, figure, issue). */
  readonly source: string;
  /** The buggy controller: correct without faults, wrong under `options.faults`. */
  readonly buggy: ControllerCase;
  /** The correct twin: the same controller with the bug fixed. */
  readonly correct: ControllerCase;
}

/** What differs between cases in their check options. */
export interface PoolCaseOptions {
  readonly matches: PoolMatcher;
  readonly invariants?: readonly InvariantFactory[];
  /** The faults that expose the bug, then a few others. */
  readonly faults: readonly FaultKind[];
  /** Differential-oracle options (e.g. fields that hold a uid and so differ between runs). */
  readonly differential?: DifferentialOptions;
  /** Pool names (default `a`, `b`); one name makes every operation hit the same pool. */
  readonly names?: readonly string[];
  /** User operations to generate (default all); bugs of deleted and re-created pools want `recreate` and `delete` often. */
  readonly operations?: readonly OperationKind[];
}

/** Check options of a Pool case: the Pool resource, generated specs, `scale` on `spec.replicas`, only the garbage collector and namespace controller running. */
export function poolCheckOptions(opts: PoolCaseOptions): CheckOptions {
  return {
    resource: poolResource,
    spec: poolSpecArbitrary,
    matches: opts.matches,
    ...(opts.invariants !== undefined ? { invariants: opts.invariants } : {}),
    faults: opts.faults,
    ...(opts.differential !== undefined ? { differential: opts.differential } : {}),
    ...(opts.names !== undefined ? { names: opts.names } : {}),
    ...(opts.operations !== undefined ? { operations: opts.operations } : {}),
    scalePath: 'replicas',
    cluster: { builtinControllers: ['garbage-collector', 'namespace'] },
  };
}

/** Upstream `ExpectationsTimeout`: expectations older than this are treated as satisfied. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Expectation {
  add: number;
  del: number;
  readonly at: number;
  readonly deleteKeys: Set<string>;
}

/**
 * Upstream `UIDTrackingControllerExpectations` (pkg/controller/controller_utils.go): per controller
 * key, how many pod creations and which pod deletions it is still waiting to observe through its
 * informer. A controller only manages replicas once its expectations are satisfied (all observed,
 * or set more than {@link EXPECTATIONS_TIMEOUT_MS} ago), so a lagging cache never causes a second
 * round of creations or deletions.
 */
export class UidTrackingExpectations {
  readonly #now: () => number;
  readonly #byKey = new Map<string, Expectation>();

  constructor(now: () => number) {
    this.#now = now;
  }

  /** True when the key has no expectations, they are fulfilled, or they expired. */
  satisfied(key: string): boolean {
    const e = this.#byKey.get(key);
    if (e === undefined) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.#now() - e.at > EXPECTATIONS_TIMEOUT_MS;
  }

  /** Replaces the key's expectations with `adds` creations (upstream `ExpectCreations`). */
  expectCreations(key: string, adds: number): void {
    this.#byKey.set(key, { add: adds, del: 0, at: this.#now(), deleteKeys: new Set() });
  }

  /** Replaces the key's expectations with the deletion of these pod keys (`namespace/name`). */
  expectDeletions(key: string, podKeys: readonly string[]): void {
    const deleteKeys = new Set(podKeys);
    this.#byKey.set(key, { add: 0, del: deleteKeys.size, at: this.#now(), deleteKeys });
  }

  /** Replaces the key's expectations with counts only (upstream `SetExpectations`, as DaemonSets use). */
  setExpectations(key: string, adds: number, dels: number): void {
    this.#byKey.set(key, { add: adds, del: dels, at: this.#now(), deleteKeys: new Set() });
  }

  /** One expected creation was observed (or will never happen). */
  creationObserved(key: string): void {
    this.lower(key, 1, 0);
  }

  /**
   * A deletion was observed. With `podKey`, only a pod this key expected to delete counts, and only
   * once; without it any deletion counts (plain `ControllerExpectations`).
   */
  deletionObserved(key: string, podKey?: string): void {
    const e = this.#byKey.get(key);
    if (e === undefined) return;
    if (podKey === undefined) {
      e.del--;
      return;
    }
    if (e.deleteKeys.delete(podKey)) e.del--;
  }

  /** Lowers the expected counts (upstream `LowerExpectations`). */
  lower(key: string, adds: number, dels: number): void {
    const e = this.#byKey.get(key);
    if (e === undefined) return;
    e.add -= adds;
    e.del -= dels;
  }

  /** Forgets the key (its controller object is gone). */
  delete(key: string): void {
    this.#byKey.delete(key);
  }

  /** What the key still waits for (for tests and diagnostics). */
  pending(key: string): { add: number; del: number } | undefined {
    const e = this.#byKey.get(key);
    return e === undefined ? undefined : { add: e.add, del: e.del };
  }
}

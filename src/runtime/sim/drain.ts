/**
 * Lets every queued promise continuation run: resolves after the microtask queue has drained
 * (a macrotask turn). Virtual time never moves meanwhile.
 * @internal
 */
export function drainMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Waits `ms` of real time (only for clusters on a real clock). @internal */
export function sleepReal(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

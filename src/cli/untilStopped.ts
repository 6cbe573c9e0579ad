/** Resolves when `signal` aborts or, without a signal, on SIGINT or SIGTERM (Ctrl-C). */
export function untilStopped(signal?: AbortSignal): Promise<void> {
  return new Promise<void>((done) => {
    if (signal !== undefined) {
      if (signal.aborted) done();
      signal.addEventListener('abort', () => done(), { once: true });
      return;
    }
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
}

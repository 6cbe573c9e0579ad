import { createWriteStream, readFileSync } from 'node:fs';
import type { Observable, Subscription } from 'rxjs';
import type { TraceRecord } from './traceTypes.ts';

/** A running recording: stop it to flush and close the file. */
export interface TraceRecording {
  /** Records written so far. */
  readonly count: () => number;
  /** Unsubscribes and closes the file; resolves once everything is on disk. */
  stop(): Promise<void>;
}

/**
 * Writes every record of `trace$` to `file` as JSON lines (one record per line), until the stream
 * completes or `stop()` is called.
 * @public
 */
export function recordTrace(trace$: Observable<TraceRecord>, file: string): TraceRecording {
  const out = createWriteStream(file, { encoding: 'utf8' });
  let count = 0;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => (closed ??= new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(resolve);
  }));
  const subscription: Subscription = trace$.subscribe({
    next: (r) => {
      count++;
      out.write(`${JSON.stringify(r)}\n`);
    },
    complete: () => void close(),
    error: () => void close(),
  });
  return {
    count: () => count,
    stop() {
      subscription.unsubscribe();
      return close();
    },
  };
}

/** Parses JSON-lines trace text (blank lines skipped); a bad line throws with its line number. */
export function parseTrace(text: string): TraceRecord[] {
  const records: TraceRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new Error(`trace line ${i + 1}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    const r = value as Partial<TraceRecord> | null;
    if (r === null || typeof r !== 'object' || typeof r.kind !== 'string' || typeof r.t !== 'number' || typeof r.seq !== 'number') {
      throw new Error(`trace line ${i + 1}: not a trace record (needs kind, seq, t)`);
    }
    records.push(r as TraceRecord);
  });
  return records;
}

/**
 * Reads a trace written by {@link recordTrace}.
 * @public
 */
export function readTrace(file: string): TraceRecord[] {
  return parseTrace(readFileSync(file, 'utf8'));
}

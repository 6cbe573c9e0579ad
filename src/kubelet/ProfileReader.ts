/** Collects validation errors with their field paths while reading a user-written profile. */
export class ProfileReader {
  readonly errors: string[] = [];

  fail(path: string, message: string): undefined {
    this.errors.push(`${path}: ${message}`);
    return undefined;
  }

  /** The value as a plain object with only `allowed` keys, else an error. */
  object(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return this.fail(path, 'must be an object');
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.fail(path === '' ? key : `${path}.${key}`, `unknown field (expected one of ${allowed.join(', ')})`);
    }
    return obj;
  }

  seconds(value: unknown, path: string): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return this.fail(path, 'must be a number of seconds >= 0');
    return Math.round(value * 1000);
  }

  positiveSeconds(value: unknown, path: string): number | undefined {
    const ms = this.seconds(value, path);
    if (ms === 0) return this.fail(path, 'must be greater than 0');
    return ms;
  }

  exitCode(value: unknown, path: string): number | undefined {
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 255) return this.fail(path, 'must be an integer exit code between 0 and 255');
    return value as number;
  }

  httpStatus(value: unknown, path: string): number | undefined {
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || (value as number) < 100 || (value as number) > 599) return this.fail(path, 'must be an HTTP status code between 100 and 599');
    return value as number;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') return this.fail(path, 'must be true or false');
    return value;
  }

  string(value: unknown, path: string): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.fail(path, 'must be a string');
    return value;
  }

  /** A non-empty list of steps, each an object with `afterSeconds` plus `keys`, sorted by time. */
  steps(value: unknown, path: string, keys: readonly string[]): { atMs: number; raw: Record<string, unknown>; path: string }[] | undefined {
    if (!Array.isArray(value) || value.length === 0) return this.fail(path, 'must be a non-empty list of steps');
    const out: { atMs: number; raw: Record<string, unknown>; path: string }[] = [];
    value.forEach((item: unknown, i) => {
      const p = `${path}[${i}]`;
      const obj = this.object(item, p, ['afterSeconds', ...keys]);
      if (obj === undefined) return;
      const atMs = obj['afterSeconds'] === undefined ? this.fail(`${p}.afterSeconds`, 'required') : this.seconds(obj['afterSeconds'], `${p}.afterSeconds`);
      if (atMs !== undefined) out.push({ atMs, raw: obj, path: p });
    });
    return out.sort((a, b) => a.atMs - b.atMs);
  }
}

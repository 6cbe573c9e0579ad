/** RFC 3339 with second precision, as `metadata.creationTimestamp` is written (`2025-01-01T00:00:00Z`). */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** RFC 3339 with microseconds, as `MicroTime` fields (Lease renewTime, Event eventTime) are written. */
export function rfc3339Micro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Parses an RFC 3339 timestamp to epoch ms (NaN when malformed). */
export function parseTimestamp(s: string | undefined): number {
  return s === undefined ? Number.NaN : Date.parse(s);
}

import { describe, expect, it } from 'vitest';
import { EXPECTATIONS_TIMEOUT_MS, UidTrackingExpectations } from './UidTrackingExpectations.ts';

describe('UidTrackingExpectations', () => {
  it('should be satisfied without expectations and after every creation is observed', () => {
    let now = 0;
    const e = new UidTrackingExpectations(() => now);
    expect(e.satisfied('ns/rs')).toBe(true);
    e.expectCreations('ns/rs', 2);
    expect(e.satisfied('ns/rs')).toBe(false);
    e.creationObserved('ns/rs');
    expect(e.satisfied('ns/rs')).toBe(false);
    e.creationObserved('ns/rs');
    expect(e.satisfied('ns/rs')).toBe(true);
    now += 1;
  });

  it('should count each expected deletion once, whichever way it is observed', () => {
    const e = new UidTrackingExpectations(() => 0);
    e.expectDeletions('ns/rs', ['ns/a', 'ns/b']);
    e.deletionObserved('ns/rs', 'ns/a');
    e.deletionObserved('ns/rs', 'ns/a');
    e.deletionObserved('ns/rs', 'ns/other');
    expect(e.pending('ns/rs')).toEqual({ add: 0, del: 1 });
    e.deletionObserved('ns/rs', 'ns/b');
    expect(e.satisfied('ns/rs')).toBe(true);
  });

  it('should expire after five minutes', () => {
    let now = 1_000;
    const e = new UidTrackingExpectations(() => now);
    e.expectCreations('k', 3);
    now += EXPECTATIONS_TIMEOUT_MS;
    expect(e.satisfied('k')).toBe(false);
    now += 1;
    expect(e.satisfied('k')).toBe(true);
  });

  it('should count deletions without keys for plain expectations (DaemonSets)', () => {
    const e = new UidTrackingExpectations(() => 0);
    e.setExpectations('k', 1, 2);
    e.deletionObserved('k');
    e.deletionObserved('k');
    e.lower('k', 1, 0);
    expect(e.satisfied('k')).toBe(true);
    e.delete('k');
    expect(e.pending('k')).toBeUndefined();
  });
});

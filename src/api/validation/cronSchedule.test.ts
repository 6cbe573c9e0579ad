import { describe, it, expect } from 'vitest';
import { cronScheduleError } from './cronSchedule.ts';

describe('cronScheduleError', () => {
  it.each(['*/5 * * * *', '0 0 * * 0', '0 9-17 * * mon-fri', '15,45 * 1 jan,JUL *', '@hourly', '@every 1h30m', '0 0 ? * *', 'TZ=UTC 0 0 * * *', '5/15 * * * *'])('should accept %j', (s) => {
    expect(cronScheduleError(s)).toBeUndefined();
  });

  it.each([
    ['', 'empty spec string'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['0 0 0 * * *', 'expected exactly 5 fields, found 6: [0 0 0 * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['@every soon', 'failed to parse duration @every soon: time: invalid duration "soon"'],
    ['TZ=Mars/Olympus 0 0 * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
  ])('should refuse %j with robfig/cron\'s message', (s, msg) => {
    expect(cronScheduleError(s)).toBe(msg);
  });
});

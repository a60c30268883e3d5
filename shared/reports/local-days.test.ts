import { describe, expect, it } from 'vitest';
import { addDays, dayYearBefore, daysFrom, periodDays, periodOfDays, startOfLocalDay } from './local-days';
import { localDay } from './report-period';

describe('local day arithmetic', () => {
  it('adds days across months, years and 29 February', () => {
    expect(addDays('2026-07-01', -1)).toBe('2026-06-30');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-07-01', -90)).toBe('2026-04-02');
  });

  it('lists the days from the first to the last, both included', () => {
    expect(daysFrom('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(daysFrom('2026-07-01', '2026-07-01')).toEqual(['2026-07-01']);
    expect(daysFrom('2026-07-02', '2026-07-01')).toEqual([]);
  });

  it('takes 29 February a year back to 28 February, and other dates to the same date', () => {
    expect(dayYearBefore('2024-02-29')).toBe('2023-02-28');
    expect(dayYearBefore('2025-02-28')).toBe('2024-02-28');
    expect(dayYearBefore('2026-01-01')).toBe('2025-01-01');
  });

  it('refuses a string that is not a day', () => {
    expect(() => addDays('2026-7-1', 1)).toThrow(RangeError);
  });
});

describe('the instant a local day begins', () => {
  it('is local midnight: 22:00 UTC the day before in a Belgrade summer, 23:00 in winter', () => {
    expect(startOfLocalDay('2026-07-01', 'Europe/Belgrade')).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfLocalDay('2026-01-15', 'Europe/Belgrade')).toBe('2026-01-14T23:00:00.000Z');
    // The day clocks go forward (29 March 2026, at 02:00) begins at winter midnight, the next at summer midnight.
    expect(startOfLocalDay('2026-03-29', 'Europe/Belgrade')).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Europe/Belgrade')).toBe('2026-03-29T22:00:00.000Z');
  });

  it('handles half-hour offsets and a zone whose clocks skip midnight', () => {
    expect(startOfLocalDay('2026-07-01', 'Asia/Kolkata')).toBe('2026-06-30T18:30:00.000Z');
    // Chile goes from 24:00 to 01:00 on 6 September 2026: the day's first instant is 01:00 local (UTC-3).
    expect(startOfLocalDay('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    expect(localDay('2026-09-06T03:59:59.999Z', 'America/Santiago')).toBe('2026-09-05');
  });

  it('gives a period of whole local days and reads its days back', () => {
    const week = periodOfDays('2026-07-01', '2026-07-07', 'Europe/Belgrade');
    expect(week).toEqual({ from: '2026-06-30T22:00:00.000Z', to: '2026-07-07T22:00:00.000Z' });
    expect(periodDays(week, 'Europe/Belgrade')).toEqual(daysFrom('2026-07-01', '2026-07-07'));
    expect(periodDays({ from: week.to, to: week.from }, 'Europe/Belgrade')).toEqual([]);
    expect(periodDays({ from: week.from, to: week.from }, 'Europe/Belgrade')).toEqual([]);
  });
});

describe('localDay, shared by the records of one hour', () => {
  it('gives what formatting each instant gives, in whole-hour, half-hour and quarter-hour zones, across daylight-saving changes', () => {
    const zones = ['Europe/Belgrade', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/Santiago', 'Australia/Lord_Howe', 'UTC'];
    const start = Date.parse('2026-03-27T00:00:00.000Z');
    for (const timeZone of zones) {
      const direct = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      // Every 7 minutes and 13 seconds for ten days, and the last millisecond before each: crosses every local midnight.
      for (let at = start; at < start + 10 * 86_400_000; at += 433_000) {
        for (const t of [at, at - 1]) {
          const iso = new Date(t).toISOString();
          expect(localDay(iso, timeZone), `${timeZone} ${iso}`).toBe(direct.format(t));
        }
      }
    }
  });

  it('reads an instant with an offset as the instant it is', () => {
    expect(localDay('2026-07-02T01:30:00+03:00', 'Europe/Belgrade')).toBe('2026-07-02');
    expect(localDay('2026-07-02T00:30:00+03:00', 'Europe/Belgrade')).toBe('2026-07-01');
  });

  it('throws on an unreadable instant, as formatting it does', () => {
    expect(() => localDay('not a time', 'Europe/Belgrade')).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { readCount, readDate, readDirection, readNationality, readPersons, readSourceType } from './import-values';

describe('reading cells', () => {
  it('reads dates as offices write them into one key, a date alone as the start of the local day', () => {
    for (const text of ['2015-10-21', '21.10.2015', '21.10.2015.', '21/10/2015', ' 21-10-2015 ']) {
      const read = readDate(text, 'dmy');
      expect(read, text).toMatchObject({ ok: true, value: { key: '2015-10-21', dayOnly: true, wallMs: Date.UTC(2015, 9, 21) } });
      if (read.ok) expect(read.value.observedStart).toBe(new Date(2015, 9, 21).toISOString());
    }
    expect(readDate('10/21/2015', 'mdy')).toMatchObject({ ok: true, value: { key: '2015-10-21' } });
    expect(readDate('2015-10-21T14:30', 'dmy')).toMatchObject({ ok: true, value: { key: '2015-10-21T14:30:00', dayOnly: false } });
    expect(readDate('2015-10-21T14:30:00+02:00', 'dmy')).toMatchObject({ ok: true, value: { observedStart: '2015-10-21T12:30:00.000Z', key: '2015-10-21T12:30:00.000Z' } });
  });

  it('refuses dates that are not dates, in words', () => {
    expect(readDate('', 'dmy')).toEqual({ ok: false, reason: 'import.reason.dateMissing' });
    for (const text of ['31.02.2016', '2016-13-01', 'yesterday', '12.10.16', '2016-01-01T25:00']) {
      expect(readDate(text, 'dmy'), text).toEqual({ ok: false, reason: 'import.reason.dateUnreadable' });
    }
  });

  it('reads head counts with or without thousands separators, and refuses fractions and words', () => {
    for (const [text, n] of [['6500', 6500], ['6,500', 6500], ['6.500', 6500], ['6 500', 6500], ['6\u00a0500', 6500], ['1.234.567', null]] as const) {
      if (n === null) expect(readCount(text).ok).toBe(false);
      else expect(readCount(text), text).toEqual({ ok: true, value: n });
    }
    for (const text of ['6.5', '-3', 'about 40', '1,23', '6,500.000']) expect(readCount(text).ok, text).toBe(false);
    expect(readPersons('')).toEqual({ ok: false, reason: 'import.reason.personsMissing' });
    expect(readPersons('12a')).toEqual({ ok: false, reason: 'import.reason.personsUnreadable' });
  });

  it('reads directions, nationalities and source types by code or common word', () => {
    expect(readDirection('Incoming')).toEqual({ ok: true, value: 'incoming' });
    expect(readDirection('Ulaz')).toEqual({ ok: true, value: 'incoming' });
    expect(readDirection('Излаз')).toEqual({ ok: true, value: 'outgoing' });
    expect(readDirection('sideways')).toEqual({ ok: false, reason: 'import.reason.directionUnknown' });
    expect(readNationality('syr')).toEqual({ ok: true, value: 'SYR' });
    expect(readNationality('AF')).toEqual({ ok: true, value: 'AFG' });
    expect(readNationality('XK')).toEqual({ ok: true, value: 'XKX' });
    expect(readNationality('Сирија')).toEqual({ ok: true, value: 'SYR' });
    expect(readNationality('avganistanska')).toEqual({ ok: true, value: 'AFG' });
    expect(readNationality('')).toEqual({ ok: true, value: null });
    expect(readNationality('Narnia')).toEqual({ ok: false, reason: 'import.reason.nationalityUnknown' });
    expect(readSourceType('UNHCR')).toEqual({ ok: true, value: 'un_or_international_organisation' });
    expect(readSourceType('authorities')).toEqual({ ok: true, value: 'authorities' });
  });
});

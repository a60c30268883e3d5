import { describe, expect, it } from 'vitest';
import gazetteer from '../../assets/places/route-places.csv?raw';
import { parseGazetteerCsv } from '../../shared/places/gazetteer-csv';
import { isPlaceActiveAt, parseActivePeriod } from './active-period';
import { knownBorderStatusAt } from './route-calendar';
import { PUSHBACK_LEGS, ROUTE_LEGS, dayMs, trainingFlows } from './route-legs';
import { FOREIGN_REPORTERS, TRAINING_OFFICES, reportingOffice } from './training-offices';

const { places } = parseGazetteerCsv(gazetteer);
const byId = new Map(places.map((p) => [p.id, p]));

describe('parseActivePeriod', () => {
  it('reads the forms the gazetteer uses', () => {
    expect(parseActivePeriod('2015-2016')).toEqual({ fromYear: 2015, toYear: 2016 });
    expect(parseActivePeriod('2018-')).toEqual({ fromYear: 2018, toYear: null });
    expect(parseActivePeriod('2015')).toEqual({ fromYear: 2015, toYear: 2015 });
    expect(parseActivePeriod('')).toEqual({ fromYear: null, toYear: null });
    expect(parseActivePeriod('-2016')).toEqual({ fromYear: null, toYear: 2016 });
    expect(parseActivePeriod('2017-2015')).toBeNull();
    expect(parseActivePeriod('since 2015')).toBeNull();
  });

  it('tells whether a place was in use on a day', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(isPlaceActiveAt({ active: '2015-2016' }, at('2016-12-31T23:59:00Z'))).toBe(true);
    expect(isPlaceActiveAt({ active: '2015-2016' }, at('2017-01-01T00:00:00Z'))).toBe(false);
    expect(isPlaceActiveAt({ active: '2018-' }, at('2030-01-01T00:00:00Z'))).toBe(true);
    expect(isPlaceActiveAt({ active: 'someday' }, at('2018-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('route legs', () => {
  it('join gazetteer places, and each is usable on some day of its dates', () => {
    for (const leg of [...ROUTE_LEGS, ...PUSHBACK_LEGS]) {
      const from = byId.get(leg.from);
      const to = byId.get(leg.to);
      expect(from, leg.from).toBeDefined();
      expect(to, leg.to).toBeDefined();
      expect(leg.from).not.toBe(leg.to);
      if (!from || !to) continue;
      const first = leg.since ? dayMs(leg.since) : dayMs('2015-01-01');
      const last = leg.until ? dayMs(leg.until) : dayMs('2025-01-01');
      let usable = false;
      for (let t = first; t < last && !usable; t += 86_400_000) usable = isPlaceActiveAt(from, t) && isPlaceActiveAt(to, t);
      expect(usable, `${leg.from} -> ${leg.to}`).toBe(true);
    }
  });

  it('run Greece to Austria in 2015 and Bosnia to Croatia from 2018', () => {
    const flows = (iso: string) => trainingFlows(places, Date.parse(iso)).map((f) => `${f.from.id}>${f.to.id}`);
    expect(flows('2015-11-20T00:00:00Z')).toEqual(
      expect.arrayContaining(['gr-idomeni>mk-gevgelija', 'mk-tabanovce>rs-miratovac', 'rs-sid>hr-slavonski-brod', 'si-sentilj>at-spielfeld']),
    );
    expect(flows('2015-11-20T00:00:00Z')).not.toContain('rs-horgos>hu-roszke');
    expect(flows('2015-08-01T00:00:00Z')).toContain('rs-horgos>hu-roszke');
    const bosnia = flows('2019-06-01T00:00:00Z');
    expect(bosnia).toEqual(expect.arrayContaining(['al-kakavije>al-tirana', 'me-podgorica>ba-sarajevo', 'ba-velika-kladusa>hr-maljevac']));
    expect(bosnia.some((f) => f.startsWith('gr-') || f.includes('si-'))).toBe(false);
  });
});

describe('knownBorderStatusAt', () => {
  it('follows the corridor through November 2015 and March 2016', () => {
    const at = (iso: string) => knownBorderStatusAt('mk-gevgelija', Date.parse(iso));
    expect(at('2015-10-01T00:00:00Z')).toEqual({ status: 'open', nationalityFilter: [] });
    expect(at('2015-12-01T00:00:00Z')).toEqual({ status: 'restricted', nationalityFilter: ['SYR', 'AFG', 'IRQ'] });
    expect(at('2016-03-01T00:00:00Z')).toEqual({ status: 'restricted', nationalityFilter: ['SYR', 'IRQ'] });
    expect(at('2016-04-01T00:00:00Z')?.status).toBe('closed');
    expect(knownBorderStatusAt('rs-horgos', Date.parse('2015-09-20T00:00:00Z'))?.status).toBe('closed');
    expect(knownBorderStatusAt('somewhere-else', Date.parse('2015-09-20T00:00:00Z'))).toBeNull();
  });
});

describe('reportingOffice', () => {
  const office = (id: string, offices?: readonly string[]) => {
    const place = byId.get(id);
    if (!place) throw new Error(id);
    return reportingOffice(place, offices);
  };

  it('gives places to the nearest office of their mission, or the neighbour that follows the route there', () => {
    expect(office('rs-miratovac')).toBe('RS-PRE');
    expect(office('rs-kelebija')).toBe('RS-SUB');
    expect(office('ba-usivak')).toBe('BA-SAR');
    expect(office('ba-miral')).toBe('BA-BIH');
    expect(office('xk-pristina')).toBe('XK-PRI');
    expect(office('hu-roszke')).toBe('RS-SUB');
    expect(office('hr-slavonski-brod')).toBe('RS-SID');
    expect(office('hr-maljevac')).toBe('BA-BIH');
    expect(office('at-spielfeld')).toBe('RS-SID');
    for (const codes of Object.values(FOREIGN_REPORTERS)) for (const code of codes) expect(TRAINING_OFFICES.map((o) => o.code)).toContain(code);
  });

  it('keeps to the offices given', () => {
    expect(office('rs-presevo', ['RS-BEL', 'BA-SAR'])).toBe('RS-BEL');
    expect(office('rs-presevo', ['RS-NIS'])).toBe('RS-NIS');
    expect(office('hr-tovarnik', ['BA-BIH'])).toBeNull();
    expect(office('hr-tovarnik', ['BA-BIH', 'HQ-VIE'])).toBe('HQ-VIE');
  });
});

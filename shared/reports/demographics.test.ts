import { describe, expect, it } from 'vitest';
import { VULNERABILITIES } from '../observations/codelists';
import { demographicsOf, SEX_AGE } from './demographics';
import { counts, moving, nationality, record, snapshot, vulnerability } from '../../test-support/shared/report-test-records';

// r1: 10 = 4 men + 3 women + 2 boys + 1 girl; 6 Syrian (declared) + 4 Afghan (perceived).
const r1 = moving('incoming', {
  totalPersons: 10,
  counts: counts({ men: 4, women: 3, boys: 2, girls: 1, unaccompaniedChildren: 1 }),
  nationalities: [nationality('SYR', 6), nationality('AFG', 4, 'perceived')],
  vulnerabilities: [vulnerability('disability', 1)],
});
// r2: 20 with 5 men and 5 boys given (10 not disaggregated); Syrian twice, 15 documented + 5 declared.
const r2 = moving('transit', {
  totalPersons: 20,
  reviewStatus: 'submitted',
  counts: counts({ men: 5, boys: 5, separatedChildren: 2 }),
  nationalities: [nationality('SYR', 15, 'documented'), nationality('SYR', 5)],
  vulnerabilities: [vulnerability('pregnant_or_lactating', 3), vulnerability('disability', 2)],
});
// r3: 8 at Šid with no breakdown at all.
const r3 = moving('outgoing', { placeId: 'rs-sid', totalPersons: 8 });
// r4: 5, but 4 men + 3 women = 7 given (2 over); 7 Iraqis (2 over).
const r4 = moving(null, { totalPersons: 5, counts: counts({ men: 4, women: 3 }), nationalities: [nationality('IRQ', 7)] });
// Not the movements measure: a site snapshot, an official figure, an incident.
const others = [
  snapshot('rs-adasevci', '2026-07-03T08:00:00.000Z', 400, 500, { counts: counts({ men: 100 }), nationalities: [nationality('SYR', 400)] }),
  record({ kind: 'secondary_source', totalPersons: 9000, counts: counts({ women: 3000 }), nationalities: [nationality('SYR', 9000)] }),
  record({ kind: 'point_count', totalPersons: 700, counts: counts({ men: 700, method: 'official_figure' }) }),
  record({ kind: 'incident', totalPersons: 3, counts: counts({ boys: 3 }) }),
];
const d = demographicsOf([r1, r2, r3, r4, ...others], 2);

describe('demographicsOf: sex and age', () => {
  it('sums each part over the movement records that give it', () => {
    expect(d.persons).toMatchObject({ value: 43, records: 4, method: { key: 'movements', values: { places: 2 } } });
    expect(d.sexAge.men).toMatchObject({ value: 13, records: 3, recordIds: [r1.id, r2.id, r4.id], includesSubmitted: true, method: { key: 'sexAge', values: { places: 1 } } });
    expect(d.sexAge.women).toMatchObject({ value: 6, recordIds: [r1.id, r4.id], includesSubmitted: false });
    expect(d.sexAge.boys).toMatchObject({ value: 7, recordIds: [r1.id, r2.id] });
    expect(d.sexAge.girls).toMatchObject({ value: 1, recordIds: [r1.id] });
  });

  it('states the persons not disaggregated (total minus the parts, per record) and the parts over a total', () => {
    expect(d.sexAgeNotDisaggregated).toMatchObject({ value: 18, recordIds: [r2.id, r3.id], method: { key: 'sexAgeNotDisaggregated', values: { places: 2 } } });
    expect(d.sexAgePartsOverTotal).toMatchObject({ value: 2, recordIds: [r4.id] });
    const parts = SEX_AGE.reduce((sum, part) => sum + d.sexAge[part].value, 0);
    expect(parts + d.sexAgeNotDisaggregated.value - d.sexAgePartsOverTotal.value).toBe(d.persons.value);
  });

  it('counts unaccompanied and separated children as recorded', () => {
    expect(d.unaccompaniedChildren).toMatchObject({ value: 1, recordIds: [r1.id] });
    expect(d.separatedChildren).toMatchObject({ value: 2, recordIds: [r2.id], includesSubmitted: true });
  });

  it('gives every vulnerability code, zero where none was recorded', () => {
    expect(Object.keys(d.vulnerabilities)).toEqual([...VULNERABILITIES]);
    expect(d.vulnerabilities.disability).toMatchObject({ value: 3, recordIds: [r1.id, r2.id] });
    expect(d.vulnerabilities.pregnant_or_lactating).toMatchObject({ value: 3, recordIds: [r2.id] });
    expect(d.vulnerabilities.lgbtiq).toMatchObject({ value: 0, records: 0 });
  });
});

describe('demographicsOf: nationalities', () => {
  it('ranks nationalities by persons, lists a record once for a nationality given twice, and gives the basis mix', () => {
    expect(d.nationalities.top.map((n) => [n.code, n.figure.value, n.figure.recordIds, n.basis])).toEqual([
      ['SYR', 26, [r1.id, r2.id], { declared: 11, documented: 15, perceived: 0 }],
      ['IRQ', 7, [r4.id], { declared: 7, documented: 0, perceived: 0 }],
    ]);
    expect(d.nationalities.top[0]?.figure).toMatchObject({ records: 2, includesSubmitted: true, method: { key: 'nationality', values: { places: 1 } } });
  });

  it('sums the nationalities after the top ones as other, saying how many', () => {
    expect(d.nationalities.other).toMatchObject({ codes: 1, basis: { declared: 0, documented: 0, perceived: 4 } });
    expect(d.nationalities.other.figure).toMatchObject({ value: 4, records: 1, recordIds: [r1.id], method: { key: 'nationalityOther', values: { places: 1 } } });
    expect(d.nationalities.basis).toEqual({ declared: 18, documented: 15, perceived: 4 });
  });

  it('states the persons without a nationality breakdown, so that the figures reconcile', () => {
    expect(d.nationalities.notDisaggregated).toMatchObject({ value: 8, recordIds: [r3.id] });
    expect(d.nationalities.partsOverTotal).toMatchObject({ value: 2, recordIds: [r4.id] });
    const listed = d.nationalities.top.reduce((sum, n) => sum + n.figure.value, 0) + d.nationalities.other.figure.value;
    expect(listed + d.nationalities.notDisaggregated.value - d.nationalities.partsOverTotal.value).toBe(d.persons.value);
  });

  it('gives empty figures for no records', () => {
    const empty = demographicsOf([]);
    expect(empty.persons.value).toBe(0);
    expect(empty.nationalities.top).toEqual([]);
    expect(empty.nationalities.other).toMatchObject({ codes: 0, figure: { value: 0, records: 0, recordIds: [] } });
    expect(empty.sexAgeNotDisaggregated.value).toBe(0);
  });
});

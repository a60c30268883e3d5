import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import gazetteerCsv from '../../assets/places/route-places.csv?raw';
import { DEFAULT_IMPORT_DEFAULTS, guessColumns } from '../../shared/import/import-fields';
import type { ImportMapping } from '../../shared/import/import-fields';
import { parseGazetteerCsv } from '../../shared/places/gazetteer-csv';
import { createImportPlanner } from './import-planner';
import type { ImportPlanner } from './import-planner';
import { mergePlanReports } from './plan-merge';
import type { PlanReport } from './plan-session';
import { rowsOfPart } from './plan-session';

const { places } = parseGazetteerCsv(gazetteerCsv);
const HEADER = 'Datum;Mesto;Broj osoba;Smer;Državljanstvo;Izvor';
const mappingOf = (text: string): ImportMapping => ({ columns: guessColumns(text.split('\r\n')[0]?.split(';') ?? []), defaults: DEFAULT_IMPORT_DEFAULTS, places: {}, nationalities: {} });

/**
 * Rows a file may hold: ready ones (some the same figures in another spelling), rejected
 * ones, place names and nationality words the gazetteer and the tables do not know.
 * Drawn with repeats, so that a record recurs within a part and across the parts.
 */
const LINES = [
  '23.10.2015;Preševo;30;Ulaz;Sirija;MUP',
  '23.10.2015;PRESEVO;30;Ulaz;SYR;mup',
  '21.10.2015;Šid;10;Izlaz;Авганистанци;MUP',
  '22.10.2015;Preševo;20;Ulaz;Kurdish;MUP',
  '22.10.2015;Preševo;many;Ulaz;SYR;MUP',
  '20.10.2015;Preševo;5;Ulaz;stateless;MUP',
  '20.10.2015;Nowhere Town;5;Ulaz;SYR;MUP',
  '24.10.2015;Tovarnik;40;Ulaz;Iraq;UNHCR',
  '24.10.2015;Tovarnik;41;Ulaz;Iraq;UNHCR',
  '25.10.2015;Bapska;7;Izlaz;Kurdish;UNHCR',
  '32.10.2015;Bapska;7;Izlaz;SYR;UNHCR',
  '26.10.2015;nowhere town;3;Izlaz;SYR;MUP',
];

async function wholeRun(planner: ImportPlanner, text: string, mapping: ImportMapping): Promise<{ report: PlanReport; ids: string[]; replanned: PlanReport }> {
  const report = await planner.plan({ kind: 'csv', text, delimiter: ';' }, mapping, 'RS-BEL', places);
  const ids: string[] = [];
  for (let start = 0; start < report.readyIds.length; start += 3) ids.push(...(await planner.batch(start, 3)).map((item) => item.id));
  const replanned = await planner.replan({ ...mapping, nationalities: { kurdish: 'IRQ' }, places: { 'nowhere town': null } });
  return { report, ids, replanned };
}

describe('a file judged in parts', () => {
  it('splits the rows into runs that together are every row once, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (rows, of) => {
        const joined = Array.from({ length: of }, (_, index) => rowsOfPart(rows, { index, of })).flat();
        expect(joined).toEqual(rows);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the report, the records and the answers of one session over the whole file (fast-check, 2 to 4 parts)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...LINES), { minLength: 0, maxLength: 24 }), fc.integer({ min: 2, max: 4 }), async (lines, parts) => {
        const text = [HEADER, ...lines].join('\r\n');
        const mapping = mappingOf(text);
        const one = await wholeRun(createImportPlanner({ useWorker: false, parts: 1 }), text, mapping);
        const split = await wholeRun(createImportPlanner({ useWorker: false, parts }), text, mapping);
        expect(split.report).toEqual(one.report);
        expect(split.ids).toEqual(one.ids);
        expect(split.replanned).toEqual(one.replanned);
      }),
      { numRuns: 60 },
    );
  });

  it('names the first row of a record that one part found ready and an earlier part held already', () => {
    const part = (ids: string[], numbers: number[], repeated: PlanReport['repeated'] = []): PlanReport => ({
      readyIds: ids,
      readyNumbers: numbers,
      warned: numbers.map((number) => ({ number, warnings: [] })),
      rejected: [],
      skipped: [],
      skippedNationality: [],
      repeated,
      unmatchedPlaces: [{ name: `Name ${String(numbers[0])}`, key: 'name', rows: 1 }],
      unmatchedNationalities: [],
    });
    const merged = mergePlanReports([part(['a', 'b'], [2, 3]), part(['b', 'c'], [4, 6], [{ number: 5, sameAs: 4 }])]);
    expect(merged.report.readyIds).toEqual(['a', 'b', 'c']);
    expect(merged.owners).toEqual([0, 0, 1]);
    expect(merged.report.warned.map((row) => row.number)).toEqual([2, 3, 6]);
    expect(merged.report.repeated).toEqual([
      { number: 4, sameAs: 3 },
      { number: 5, sameAs: 3 },
    ]);
    expect(merged.report.unmatchedPlaces).toEqual([{ name: 'Name 2', key: 'name', rows: 2 }]);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGazetteerCsv } from '../places/gazetteer-csv';
import { observationInputSchema } from '../observations/observation-schema';
import { DEFAULT_IMPORT_DEFAULTS, guessColumns } from './import-fields';
import type { ImportMapping } from './import-fields';
import { looksSwapped, planImport } from './import-rows';
import type { ImportRow, RowContext } from './import-rows';
import { createPlaceMatcher } from './place-matcher';

const { places } = parseGazetteerCsv(readFileSync(path.resolve(import.meta.dirname, '../../assets/places/route-places.csv'), 'utf8'));
const HEADER = ['Datum', 'Mesto', 'Broj osoba', 'Smer', 'Državljanstvo', 'Izvor'];

function context(patch: Partial<ImportMapping> = {}, office = 'RS-BEL'): RowContext {
  const mapping: ImportMapping = { columns: guessColumns(HEADER), defaults: DEFAULT_IMPORT_DEFAULTS, places: {}, ...patch };
  return { mapping, matcher: createPlaceMatcher(places), placesById: new Map(places.map((p) => [p.id, p])), office, nowMs: Date.UTC(2026, 0, 1) };
}

let next = 2;
function row(cells: readonly string[]): ImportRow {
  return { number: next++, cells: Object.fromEntries(HEADER.map((name, i) => [name, cells[i] ?? ''])) };
}

describe('planning an import', () => {
  it('guesses the mapping from Serbian column names', () => {
    expect(guessColumns(HEADER)).toEqual({ date: 'Datum', place: 'Mesto', persons: 'Broj osoba', direction: 'Smer', nationality: 'Državljanstvo', sourceName: 'Izvor' });
    expect(guessColumns(['Датум', 'Место', 'Број особа'])).toEqual({ date: 'Датум', place: 'Место', persons: 'Број особа' });
  });

  it('makes official-figure records of partners\' rows, valid by the shared schema, with their source', () => {
    const plan = planImport([row(['21.10.2015', 'Прешево', '6.500', 'Ulaz', 'SYR', 'MUP'])], context());
    expect(plan.rejected).toEqual([]);
    const [ready] = plan.ready;
    expect(observationInputSchema.safeParse(ready?.candidate).success).toBe(true);
    expect(ready?.candidate).toMatchObject({
      kind: 'secondary_source',
      placeId: 'rs-presevo',
      country: 'RS',
      totalPersons: 6500,
      timePrecision: 'day',
      movement: { direction: 'incoming' },
      nationalities: [{ code: 'SYR', count: 6500 }],
      counts: { method: 'official_figure' },
      source: { type: 'authorities', name: 'MUP' },
    });
  });

  it('rejects rows with their number and every reason, in i18n keys, and by the shared rules too', () => {
    const bad = row(['31.02.2015', 'Šid', 'many', 'sideways', 'SYR', 'MUP']);
    const future = row(['01.01.2027', 'Šid', '5', '', '', '']);
    const plan = planImport([bad, future], context());
    expect(plan.ready).toEqual([]);
    expect(plan.rejected).toEqual([
      {
        number: bad.number,
        issues: [
          { field: 'observedStart', message: 'import.reason.dateUnreadable' },
          { field: 'totalPersons', message: 'import.reason.personsUnreadable' },
          { field: 'movement.direction', message: 'import.reason.directionUnknown' },
        ],
      },
      { number: future.number, issues: [{ field: 'observedStart', message: 'validation.inFuture' }] },
    ]);
  });

  it('lists unmatched place names once with their row count; the user maps one and skips another', () => {
    const rows = [row(['21.10.2015', 'Bele Vode', '5']), row(['22.10.2015', 'BELE VODE', '6']), row(['22.10.2015', 'Nowhere', '7'])];
    const first = planImport(rows, context());
    expect(first.unmatchedPlaces).toEqual([
      { name: 'Bele Vode', key: 'bele vode', rows: 2 },
      { name: 'Nowhere', key: 'nowhere', rows: 1 },
    ]);
    const settled = planImport(rows, context({ places: { 'bele vode': 'rs-presevo', nowhere: null } }));
    expect(settled.unmatchedPlaces).toEqual([]);
    expect(settled.ready.map((r) => r.candidate.placeId)).toEqual(['rs-presevo', 'rs-presevo']);
    expect(settled.skipped).toEqual([rows[2]?.number]);
  });

  it('reads nationality words, lists the unmatched ones once with their rows, and the user maps one and skips another', () => {
    const rows = [
      row(['21.10.2015', 'Preševo', '50', 'Ulaz', 'Sirijci', 'MUP']),
      row(['21.10.2015', 'Šid', '40', 'Izlaz', 'Авганистан', 'MUP']),
      row(['21.10.2015', 'Šid', '30', 'Izlaz', 'stateless', 'MUP']),
      row(['22.10.2015', 'Preševo', '20', 'Ulaz', 'Kurdish', 'MUP']),
      row(['22.10.2015', 'Bele Vode', '10', 'Ulaz', 'KURDISH', 'MUP']),
      row(['22.10.2015', 'Preševo', '5', 'Ulaz', 'Narnian', 'MUP']),
    ];
    const first = planImport(rows, context());
    expect(first.ready.map((r) => r.candidate.nationalities?.[0]?.code)).toEqual(['SYR', 'AFG', 'XXA']);
    expect(first.unmatchedNationalities).toEqual([
      { name: 'Kurdish', key: 'kurdish', rows: 2 },
      { name: 'Narnian', key: 'narnian', rows: 1 },
    ]);
    // A row whose place and nationality are both unknown waits in both lists.
    expect(first.unmatchedPlaces).toEqual([{ name: 'Bele Vode', key: 'bele vode', rows: 1 }]);
    expect(first.rejected).toEqual([]);

    const settled = planImport(rows, context({ places: { 'bele vode': 'rs-presevo' }, nationalities: { kurdish: 'IRQ', narnian: null } }));
    expect(settled.unmatchedNationalities).toEqual([]);
    expect(settled.ready.map((r) => r.candidate.nationalities?.[0]?.code)).toEqual(['SYR', 'AFG', 'XXA', 'IRQ', 'IRQ']);
    expect(settled.skippedNationality).toEqual([rows[5]?.number]);
    expect(settled.skipped).toEqual([]);
  });

  it('refuses a forged answer for a nationality word: a code the record does not know is not stored', () => {
    const plan = planImport([row(['21.10.2015', 'Preševo', '50', '', 'Kurdish', ''])], context({ nationalities: { kurdish: 'KURDISTAN' } }));
    expect(plan.ready).toEqual([]);
    expect(plan.rejected[0]?.issues).toEqual([{ field: 'nationalities', message: 'import.reason.nationalityUnknown' }]);
    // An answer under an inherited key ("constructor") is no answer.
    const inherited = planImport([row(['21.10.2015', 'Preševo', '50', '', 'constructor', ''])], context({ nationalities: {} }));
    expect(inherited.unmatchedNationalities).toEqual([{ name: 'constructor', key: 'constructor', rows: 1 }]);
  });

  it('a nationality word gives the id its code gives: "Sirija" imports the figure "SYR" imported', () => {
    const byCode = planImport([row(['21.10.2015', 'Preševo', '6500', 'incoming', 'SYR', 'MUP'])], context());
    const byWord = planImport([row(['21.10.2015', 'Preševo', '6500', 'incoming', 'Сирија', 'MUP'])], context());
    expect(byWord.ready[0]?.id).toBe(byCode.ready[0]?.id);
  });

  it('reports its progress as it judges rows, the last report being every row', () => {
    const rows = Array.from({ length: 4500 }, (_, i) => row([`${(i % 28) + 1}.10.2015`, 'Preševo', String(i + 1), '', 'SYR', '']));
    const heard: number[] = [];
    planImport(rows, context(), (judged) => heard.push(judged));
    expect(heard).toEqual([2000, 4000, 4500]);
  });

  it('gives the same ids to the same rows in another file, spelled otherwise; repeats within a file are named', () => {
    const a = planImport([row(['21.10.2015', 'Preševo', '6500', 'incoming', 'SYR', 'MUP'])], context());
    const b = planImport([row(['2015-10-21', 'PRESEVO', '6,500', 'Ulaz', 'syr', 'MUP']), row(['2015-10-21', 'Прешево', '6500', 'in', 'SYR', 'MUP'])], context());
    expect(b.ready.map((r) => r.id)).toEqual(a.ready.map((r) => r.id));
    expect(b.repeated).toEqual([{ number: (b.ready[0]?.number ?? 0) + 1, sameAs: b.ready[0]?.number }]);
    const otherOffice = planImport([row(['21.10.2015', 'Preševo', '6500', 'incoming', 'SYR', 'MUP'])], context({}, 'RS-SUB'));
    expect(otherOffice.ready[0]?.id).not.toBe(a.ready[0]?.id);
    const otherFigure = planImport([row(['21.10.2015', 'Preševo', '6501', 'incoming', 'SYR', 'MUP'])], context());
    expect(otherFigure.ready[0]?.id).not.toBe(a.ready[0]?.id);
  });

  it('takes a point from a row, range-checks it, and warns when latitude and longitude look swapped', () => {
    const mapping = { columns: { date: 'date', persons: 'persons' }, defaults: DEFAULT_IMPORT_DEFAULTS, places: {} };
    const ctx = { ...context(), mapping };
    const plan = planImport(
      [
        { number: 1, cells: { date: '2016-01-01', persons: '4' }, point: { lat: 21.65, lon: 42.31 } },
        { number: 2, cells: { date: '2016-01-01', persons: '4' }, point: { lat: 42.31, lon: 21.65 } },
      ],
      ctx,
    );
    expect(plan.ready[0]?.warnings.map((w) => w.message)).toContain('import.warning.swappedCoordinates');
    expect(plan.ready[1]?.warnings.map((w) => w.message)).not.toContain('import.warning.swappedCoordinates');
    expect(plan.ready[1]?.candidate).toMatchObject({ placeId: null, location: { lat: 42.31, lon: 21.65 }, locationMethod: 'typed' });
    expect(looksSwapped({ lat: 19.2, lon: 45.1 })).toBe(true);
    expect(looksSwapped({ lat: 45.1, lon: 19.2 })).toBe(false);
    const latLon = { ...ctx, mapping: { ...mapping, columns: { ...mapping.columns, latitude: 'lat', longitude: 'lon' } } };
    const out = planImport([{ number: 3, cells: { date: '2016-01-01', persons: '4', lat: '95', lon: '21' } }], latLon);
    expect(out.rejected).toEqual([{ number: 3, issues: [{ field: 'location', message: 'import.reason.coordinatesOutOfRange' }] }]);
  });

  it('a row with no place and no point says so', () => {
    const plan = planImport([row(['21.10.2015', '', '5'])], context());
    expect(plan.rejected[0]?.issues).toEqual([{ field: 'placeId', message: 'import.reason.placeMissing' }]);
  });
});

describe('ids of rows spelled otherwise', () => {
  it('a source named in Cyrillic in one file and in Latin in another gives the same id', () => {
    const latin = planImport([row(['21.10.2015', 'Preševo', '6500', 'incoming', 'SYR', 'Ministarstvo unutrašnjih poslova'])], context());
    const cyrillic = planImport([row(['21.10.2015', 'Прешево', '6500', 'incoming', 'SYR', 'Министарство унутрашњих послова'])], context());
    expect(cyrillic.ready[0]?.id).toBe(latin.ready[0]?.id);
    expect(cyrillic.ready[0]?.candidate.source?.name).toBe('Министарство унутрашњих послова');
  });
});

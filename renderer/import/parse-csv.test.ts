// eslint-disable-next-line no-restricted-imports -- the test reads the committed fixture bytes; it runs under Vitest in Node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding } from './detect-encoding';
import { columnNames, importRowOf, parseCsvCells, parseCsvRows, readCsvHead } from './parse-csv';

/** The bytes of a fixture of tests/fixtures/import (written by its make-fixtures.mjs). */
const importFixture = (file: string): Uint8Array => new Uint8Array(readFileSync(`${import.meta.dirname}/../../tests/fixtures/import/${file}`));

const fixtureText = (file: string): string => {
  const bytes = importFixture(file);
  return decodeText(bytes, detectEncoding(bytes).encoding);
};

describe('reading a CSV', () => {
  it('detects comma, semicolon and tab in the fixtures, with their header', () => {
    expect(readCsvHead(fixtureText('utf8.csv'), null).delimiter).toBe(',');
    expect(readCsvHead(fixtureText('windows-1250.csv'), null).delimiter).toBe(';');
    const tab = readCsvHead(fixtureText('utf16le.csv'), null);
    expect(tab.delimiter).toBe('\t');
    expect(tab.columns).toEqual(['Datum', 'Mesto', 'Broj osoba', 'Smer', 'Državljanstvo', 'Izvor']);
    expect(tab.rows[0]).toEqual(['21.10.2015', 'Preševo', '6500', 'incoming', 'SYR', 'Ministarstvo unutrašnjih poslova']);
  });

  it('keeps a chosen delimiter, and reads quoted fields with delimiters, quotes and line breaks in them', async () => {
    const text = 'place;persons;note\r\n"Šid; station";"1 200";"said ""hello""\nand left"\r\n\r\nPreševo;5;\r\n';
    const head = readCsvHead(text, ';');
    expect(head.rows[0]).toEqual(['Šid; station', '1 200', 'said "hello"\nand left']);
    const { rows } = await parseCsvRows(text, { delimiter: ';' });
    expect(rows.map((r) => r.cells)).toEqual([
      { place: 'Šid; station', persons: '1 200', note: 'said "hello"\nand left' },
      { place: 'Preševo', persons: '5', note: '' },
    ]);
    // The header is row 1; the empty line keeps its number.
    expect(rows.map((r) => r.number)).toEqual([2, 4]);
  });

  it('names empty and repeated columns so each can be mapped, and a column named "__proto__" stays a cell', async () => {
    expect(columnNames(['Broj', '', 'Broj'])).toEqual(['Broj', '#2', 'Broj (3)']);
    const { rows } = await parseCsvRows('__proto__,constructor\nx,y\n', { delimiter: ',' });
    expect(Object.hasOwn(rows[0]?.cells ?? {}, '__proto__')).toBe(true);
    expect(rows[0]?.cells.__proto__).toBe('x');
  });

  it('streams a large file in chunks with progress, and stops when cancelled', async () => {
    const text = 'date,place,persons\n' + '2016-01-01,Šid,12\n'.repeat(100_000);
    const progress: number[] = [];
    const { rows } = await parseCsvRows(text, { delimiter: ',', onProgress: (done) => progress.push(done) });
    expect(rows).toHaveLength(100_000);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(text.length);

    const controller = new AbortController();
    const cancelled = parseCsvRows(text, {
      delimiter: ',',
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('cancelled by the user')),
    });
    await expect(cancelled).rejects.toThrow('cancelled by the user');
  });

  it('reads the same rows in a worker, without waiting between chunks, and names the cells of the rows asked for', async () => {
    const text = 'date,place,persons\n' + Array.from({ length: 60_000 }, (_, i) => (i % 1000 === 7 ? ',,\n' : `2016-01-01,"Šid\n${i}",${i}\n`)).join('');
    const screen = await parseCsvRows(text, { delimiter: ',' });
    const progress: number[] = [];
    const worker = await parseCsvCells(text, { delimiter: ',', yieldBetweenChunks: false, onProgress: (done) => progress.push(done) });
    expect(progress.length).toBeGreaterThan(2);
    expect(worker.columns).toEqual(screen.columns);
    expect(worker.rows.map((row) => importRowOf(worker.columns, row))).toEqual(screen.rows);
    // Empty rows keep their numbers and give no row; a quoted line break does not end a row.
    expect(screen.rows).toHaveLength(59_940);
    expect(screen.rows[7]).toEqual({ number: 10, cells: { date: '2016-01-01', place: 'Šid\n8', persons: '8' } });
  });
});

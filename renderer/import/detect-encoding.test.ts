// eslint-disable-next-line no-restricted-imports -- the test reads the committed fixture bytes; it runs under Vitest in Node
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding } from './detect-encoding';
import type { ImportEncoding } from './detect-encoding';

/** The bytes of a fixture of tests/fixtures/import (written by its make-fixtures.mjs). */
const importFixture = (file: string): Uint8Array => new Uint8Array(readFileSync(`${import.meta.dirname}/../../tests/fixtures/import/${file}`));

const read = importFixture;

describe('detecting the encoding of a picked file', () => {
  const cases: [string, ImportEncoding, boolean, readonly string[]][] = [
    ['utf8.csv', 'utf-8', false, ['Šid', 'Preševo', 'Đevđelija', 'Прешево']],
    ['utf8-bom.csv', 'utf-8', true, ['Šid', 'Preševo', 'Đevđelija', 'Прешево']],
    ['utf16le.csv', 'utf-16le', true, ['Šid', 'Preševo', 'Đevđelija', 'Прешево']],
    ['utf16be.csv', 'utf-16be', true, ['Šid', 'Preševo', 'Đevđelija', 'Прешево']],
    ['windows-1250.csv', 'windows-1250', false, ['Šid', 'Preševo', 'Đevđelija', 'Horgoš', 'Državljanstvo']],
    ['iso-8859-2.csv', 'iso-8859-2', false, ['Šid', 'Preševo', 'Đevđelija', 'Horgoš', 'Državljanstvo']],
    ['windows-1251.csv', 'windows-1251', false, ['Шид', 'Прешево', 'Ђевђелија', 'Држављанство']],
    ['windows-1252.csv', 'windows-1252', false, ['Röszke', 'Kakavijë', 'Tiranë']],
  ];
  for (const [file, encoding, bom, names] of cases) {
    it(`reads ${file} as ${encoding} and its names come out whole`, () => {
      const bytes = read(file);
      expect(detectEncoding(bytes)).toEqual({ encoding, bom });
      const text = decodeText(bytes, encoding);
      expect(text.startsWith('\ufeff')).toBe(false);
      expect(text).not.toContain('\ufffd');
      for (const name of names) expect(text).toContain(name);
    });
  }

  it('tells Windows-1250 from ISO-8859-2 by the letters they place apart (Š š Ž ž), both ways', () => {
    const text = 'Datum;Mesto\r\n1.1.2016;Šid\r\n2.1.2016;Žabljak\r\n3.1.2016;šator kod Horgoša\r\n';
    expect(detectEncoding(new Uint8Array(iconv.encode(text, 'windows-1250'))).encoding).toBe('windows-1250');
    expect(detectEncoding(new Uint8Array(iconv.encode(text, 'iso-8859-2'))).encoding).toBe('iso-8859-2');
  });

  it('where the two agree on every byte (č ć đ only), either answer reads the same text', () => {
    const bytes = new Uint8Array(iconv.encode('Mesto\r\nBihać\r\nČačak\r\nĐakovo\r\n', 'windows-1250'));
    const { encoding } = detectEncoding(bytes);
    expect(decodeText(bytes, encoding)).toBe('Mesto\r\nBihać\r\nČačak\r\nĐakovo\r\n');
  });

  it('reads plain ASCII as UTF-8, and an empty file too', () => {
    expect(detectEncoding(new TextEncoder().encode('date,place\n2016-01-01,Sid\n'))).toEqual({ encoding: 'utf-8', bom: false });
    expect(detectEncoding(new Uint8Array(0))).toEqual({ encoding: 'utf-8', bom: false });
  });

  it('a UTF-8 character cut at the end of the sample does not make a large file legacy', () => {
    const line = 'Preševo,Прешево\n';
    const big = new TextEncoder().encode(line.repeat(Math.ceil((300 * 1024) / line.length)));
    expect(detectEncoding(big).encoding).toBe('utf-8');
  });
});

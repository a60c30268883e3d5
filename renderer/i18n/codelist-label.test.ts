import { describe, expect, it } from 'vitest';
import { NATIONALITY_CODES } from '../../shared/observations/nationalities';
import { CODELISTS, codelistLabel, codelistOptions, nationalityName, sortedNationalities, type CodelistName } from './codelist-label';

const listNames = Object.keys(CODELISTS) as CodelistName[];

describe('codelistLabel', () => {
  it('gives every value of every codelist a label from the catalogue', () => {
    for (const list of listNames) {
      for (const code of CODELISTS[list]) {
        const label = codelistLabel(list, code);
        expect(label.trim(), `${list}.${code}`).not.toBe('');
        expect(label).not.toBe(`codelist.${list}.${code}`);
        expect(label).not.toMatch(/[<>]/);
      }
    }
  });

  it('reads the labels', () => {
    expect(codelistLabel('kind', 'group_sighting')).toBe('Group sighting');
    expect(codelistLabel('reviewStatus', 'verified')).toBe('Verified');
    expect(codelistLabel('sourceReliability', 'C')).toBe('C – Fairly reliable');
    expect(codelistLabel('mission', 'XK')).toBe('Kosovo*');
  });

  it('accepts only valid list and code pairs, and shows a wrong pair that slips through as its key', () => {
    // The compiler refuses each wrong pair: `tsc -b` (the typecheck tier of npm test)
    // fails if one of these lines stops being an error.
    // @ts-expect-error: 'RS' is a mission, not a kind of observation.
    const crossed = codelistLabel('kind', 'RS');
    // @ts-expect-error: there is no such codelist.
    const noSuchList = codelistLabel('colour', 'red');
    // @ts-expect-error: credibility codes are strings.
    const numeric = codelistLabel('informationCredibility', 1);
    // At run time (a value from outside the types), a wrong pair never borrows another
    // list's label: the bare key shows, so the gap is seen rather than a wrong word.
    expect(codelistLabel('mission', 'RS')).toBe('Serbia');
    expect(crossed).toBe('codelist.kind.RS');
    expect(noSuchList).toBe('codelist.colour.red');
    // A number reads as the code it spells.
    expect(numeric).toBe(codelistLabel('informationCredibility', '1'));
    expect(numeric).toBe('1 – Confirmed by other sources');
  });

  it('lists the options of a codelist in its order', () => {
    expect(codelistOptions('borderStatus')).toEqual([
      { code: 'open', label: 'Open' },
      { code: 'restricted', label: 'Restricted' },
      { code: 'closed', label: 'Closed' },
    ]);
  });
});

describe('nationalityName', () => {
  it('names every nationality code with more than the bare code', () => {
    for (const code of NATIONALITY_CODES) {
      const name = nationalityName(code);
      expect(name.trim(), code).not.toBe('');
      expect(name, code).not.toBe(code);
      expect(name, code).not.toMatch(/^codelist\./);
    }
  });

  it('names ISO codes from the country list and the ICAO extras from the catalogue', () => {
    expect(nationalityName('AFG')).toBe('Afghanistan');
    expect(nationalityName('SRB')).toBe('Serbia');
    expect(nationalityName('XKX')).toBe('Kosovo*');
    expect(nationalityName('XXA')).toBe('Stateless');
    expect(nationalityName('XXX')).toBe('Unspecified nationality');
  });

  it('returns an unknown code as it is', () => {
    expect(nationalityName('QQQ')).toBe('QQQ');
  });
});

describe('sortedNationalities', () => {
  it('holds every code once, sorted by name in the UI language', () => {
    const sorted = sortedNationalities();
    expect(sorted.map((n) => n.code).sort()).toEqual([...NATIONALITY_CODES]);
    const collator = new Intl.Collator('en', { sensitivity: 'base' });
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1];
      const current = sorted[i];
      if (!previous || !current) continue;
      expect(collator.compare(previous.name, current.name), `${previous.name} / ${current.name}`).toBeLessThanOrEqual(0);
    }
    // Accents do not push a name to the end: Åland sorts with the A's, Côte d'Ivoire with the C's.
    const names = sorted.map((n) => n.name);
    expect(names.indexOf(nationalityName('ALA'))).toBeLessThan(names.indexOf('Belgium'));
    expect(names.indexOf(nationalityName('CIV'))).toBeLessThan(names.indexOf('Denmark'));
  });

  it('gives each nationality a distinct name', () => {
    const names = sortedNationalities().map((n) => n.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('is built once per language', () => {
    expect(sortedNationalities()).toBe(sortedNationalities());
  });
});

import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { EXTRA_NATIONALITY_CODES } from '../../shared/observations/nationalities';
import { appMessagesEn } from '../app/app-messages-en';
import { CODELISTS, type CodelistName } from '../i18n/codelist-label';
import { englishCatalogue } from '../i18n/catalogue-en';
import { mapMessagesEn } from '../map/map-messages-en';
import { codelistMessagesEn } from './codelist-messages-en';

const labels: Readonly<Record<string, string>> = codelistMessagesEn;
const listNames = Object.keys(CODELISTS) as CodelistName[];

describe('English codelist labels', () => {
  it('label every value of every codelist, with text that is not the key', () => {
    for (const list of listNames) {
      for (const code of CODELISTS[list]) {
        const key = `codelist.${list}.${code}`;
        const label = labels[key];
        expect(label, key).toBeDefined();
        expect(label?.trim(), key).not.toBe('');
        expect(label, key).not.toBe(key);
      }
    }
  });

  it('label no value that no longer exists', () => {
    const extras: ReadonlySet<string> = new Set(EXTRA_NATIONALITY_CODES);
    const stale = Object.keys(labels).filter((key) => {
      const match = /^codelist\.([A-Za-z]+)\.(.+)$/.exec(key);
      if (!match) return true;
      const [, list = '', code = ''] = match;
      if (list === 'nationality') return !extras.has(code);
      if (list === 'country') return countries.alpha2ToAlpha3(code) === undefined && code !== 'XK';
      if (!(list in CODELISTS)) return true;
      return !(CODELISTS[list as CodelistName] as readonly string[]).includes(code);
    });
    expect(stale).toEqual([]);
  });

  it('name every ICAO extra nationality code', () => {
    for (const code of EXTRA_NATIONALITY_CODES) expect(labels[`codelist.nationality.${code}`], code).toBeTruthy();
  });

  it('give distinct labels to the values of one list', () => {
    for (const list of listNames) {
      const texts = CODELISTS[list].map((code) => labels[`codelist.${list}.${code}`]);
      expect(new Set(texts).size, list).toBe(texts.length);
    }
  });

  it('are plain text: no markup, entities or placeholders', () => {
    for (const [key, label] of Object.entries(labels)) {
      expect(label, key).not.toMatch(/[<>{}`]|&[#\w]+;|\*\*|__|\]\(/);
      expect(label, key).toBe(label.trim());
    }
  });

  it('are defined once, in the codelist file, and registered in the English catalogue', () => {
    const elsewhere = [...Object.keys(appMessagesEn), ...Object.keys(mapMessagesEn)].filter((key) => key.startsWith('codelist.'));
    expect(elsewhere).toEqual([]);
    const catalogue: Readonly<Record<string, string>> = englishCatalogue;
    for (const [key, label] of Object.entries(labels)) expect(catalogue[key], key).toBe(label);
  });

  it('use the wording of the Admiralty grading', () => {
    expect(codelistMessagesEn['codelist.sourceReliability.A']).toBe('A – Completely reliable');
    expect(codelistMessagesEn['codelist.sourceReliability.F']).toBe('F – Reliability cannot be judged');
    expect(codelistMessagesEn['codelist.informationCredibility.1']).toBe('1 – Confirmed by other sources');
    expect(codelistMessagesEn['codelist.informationCredibility.6']).toBe('6 – Truth cannot be judged');
    expect(codelistMessagesEn['codelist.mission.XK']).toBe('Kosovo*');
  });
});

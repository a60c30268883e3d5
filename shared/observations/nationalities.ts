/**
 * Nationality codes: ISO 3166-1 alpha-3 (from the i18n-iso-countries package, which
 * follows the standard), plus the ICAO Doc 9303 codes field staff need that ISO does
 * not assign: Kosovo (XKX, as used in travel documents), stateless (XXA) and
 * unspecified nationality (XXX). The package's own Kosovo code, XKK, is not ICAO's
 * and is left out in favour of XKX.
 */
import countries from 'i18n-iso-countries';

export const EXTRA_NATIONALITY_CODES = ['XKX', 'XXA', 'XXX'] as const;

export const NATIONALITY_CODES: readonly string[] = Object.freeze(
  [
    ...new Set([...Object.keys(countries.getAlpha3Codes()).filter((code) => code !== 'XKK'), ...EXTRA_NATIONALITY_CODES]),
  ].sort(),
);

const known = new Set(NATIONALITY_CODES);

export function isNationalityCode(code: string): boolean {
  return known.has(code);
}

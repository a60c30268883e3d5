/**
 * Labels of codelist values and names of nationalities, in the UI language.
 *
 * Codelist labels come from the catalogues (`codelist.<list>.<code>`, English in
 * renderer/observations/codelist-messages-en.ts). Nationality names come from the
 * i18n-iso-countries package, except the ICAO codes ISO does not assign (XKX, XXA,
 * XXX), whose names are catalogue entries (`codelist.nationality.<code>`).
 */
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import {
  CLASSIFICATIONS,
  COUNT_METHODS,
  CROSSING_TYPES,
  DIRECTIONS,
  FACILITATORS,
  INCIDENT_ACTORS,
  INCIDENT_TYPES,
  INFORMATION_CREDIBILITY,
  LOCATION_METHODS,
  LOCATION_PRECISIONS,
  MISSIONS,
  NATIONALITY_BASES,
  OBSERVATION_KINDS,
  PLACE_KINDS,
  REVIEW_STATUSES,
  SITE_BORDER_STATUSES,
  SOURCE_RELIABILITY,
  SOURCE_TYPES,
  SUMMARY_LANGUAGES,
  TIME_PRECISIONS,
  TRAFFICKING_INDICATORS,
  TRANSPORT_MODES,
  VULNERABILITIES,
} from '../../shared/observations/codelists';
import { EXTRA_NATIONALITY_CODES, NATIONALITY_CODES } from '../../shared/observations/nationalities';
import { currentLanguage, t } from './i18n';

// Only English for now; sr, mk, sq, bs and hr exist in the package for later.
countries.registerLocale(en);

/** Every codelist, by the name used in its catalogue keys (`codelist.<name>.<code>`). */
export const CODELISTS = {
  kind: OBSERVATION_KINDS,
  mission: MISSIONS,
  reviewStatus: REVIEW_STATUSES,
  locationMethod: LOCATION_METHODS,
  placeKind: PLACE_KINDS,
  timePrecision: TIME_PRECISIONS,
  locationPrecision: LOCATION_PRECISIONS,
  direction: DIRECTIONS,
  transportMode: TRANSPORT_MODES,
  crossingType: CROSSING_TYPES,
  facilitator: FACILITATORS,
  countMethod: COUNT_METHODS,
  nationalityBasis: NATIONALITY_BASES,
  vulnerability: VULNERABILITIES,
  borderStatus: SITE_BORDER_STATUSES,
  incidentType: INCIDENT_TYPES,
  incidentActor: INCIDENT_ACTORS,
  traffickingIndicator: TRAFFICKING_INDICATORS,
  sourceType: SOURCE_TYPES,
  sourceReliability: SOURCE_RELIABILITY,
  informationCredibility: INFORMATION_CREDIBILITY,
  classification: CLASSIFICATIONS,
  summaryLanguage: SUMMARY_LANGUAGES,
} as const;

export type CodelistName = keyof typeof CODELISTS;
export type CodelistCode<L extends CodelistName> = (typeof CODELISTS)[L][number];

/** Every catalogue key of a codelist value; the English catalogue must define exactly these. */
export type CodelistMessageKey = { [L in CodelistName]: `codelist.${L}.${CodelistCode<L>}` }[CodelistName];

export type ExtraNationalityCode = (typeof EXTRA_NATIONALITY_CODES)[number];
export type ExtraNationalityMessageKey = `codelist.nationality.${ExtraNationalityCode}`;

/** The label of one codelist value in the UI language, e.g. `codelistLabel('direction', 'incoming')`. */
export function codelistLabel<L extends CodelistName>(list: L, code: CodelistCode<L>): string {
  // The cast only restates the template type; `t` then checks every such key is in the catalogue.
  return t(`codelist.${list}.${code}` as CodelistMessageKey);
}

/** Every value of a codelist with its label, in the codelist's order (for pickers). */
export function codelistOptions<L extends CodelistName>(list: L): { code: CodelistCode<L>; label: string }[] {
  const codes: readonly CodelistCode<L>[] = CODELISTS[list];
  return codes.map((code) => ({ code, label: codelistLabel(list, code) }));
}

const extraNationalityCodes: ReadonlySet<string> = new Set(EXTRA_NATIONALITY_CODES);

function isExtraNationalityCode(code: string): code is ExtraNationalityCode {
  return extraNationalityCodes.has(code);
}

/**
 * Locales of i18n-iso-countries to try for a UI language: the whole tag, then its
 * primary language, then English. (A Latin-script Serbian list would be registered
 * as `sr-latn`; the package's `sr` is Cyrillic.)
 */
function countryLocales(language: string): string[] {
  const tag = language.toLowerCase();
  const primary = tag.split('-')[0] ?? tag;
  return [...new Set([tag, primary, 'en'])];
}

/**
 * The name of a nationality code (ISO 3166-1 alpha-3 or an ICAO extra) in the UI
 * language. An unknown code is returned as it is.
 */
export function nationalityName(code: string): string {
  if (isExtraNationalityCode(code)) return t(`codelist.nationality.${code}`);
  for (const locale of countryLocales(currentLanguage())) {
    const name = countries.getName(code, locale);
    if (name) return name;
  }
  return code;
}

export interface NationalityOption {
  readonly code: string;
  readonly name: string;
}

const sortedByLanguage = new Map<string, readonly NationalityOption[]>();

/**
 * Every nationality code with its name, sorted by name in the UI language (for the
 * nationality picker). The array is built once per language and frozen.
 */
export function sortedNationalities(): readonly NationalityOption[] {
  const language = currentLanguage();
  let sorted = sortedByLanguage.get(language);
  if (!sorted) {
    const collator = new Intl.Collator(language, { sensitivity: 'base' });
    sorted = Object.freeze(
      NATIONALITY_CODES.map((code) => Object.freeze({ code, name: nationalityName(code) })).sort(
        (a, b) => collator.compare(a.name, b.name) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
      ),
    );
    sortedByLanguage.set(language, sorted);
  }
  return sorted;
}

/**
 * Countries along the route, in the order a movement passes them: offered first in
 * country pickers, because nearly every movement names one of them.
 */
export const ROUTE_COUNTRIES = ['TR', 'GR', 'BG', 'MK', 'AL', 'XK', 'RS', 'ME', 'BA', 'HR', 'HU', 'SI', 'AT', 'IT', 'DE'] as const;

/**
 * The name of an ISO 3166-1 alpha-2 country code (XK: Kosovo, with the organisation's
 * footnote mark from the catalogue where the catalogue names it). Unknown: the code.
 */
export function countryName(code: string): string {
  if (code === 'XK') return t('codelist.country.XK');
  for (const locale of countryLocales(currentLanguage())) {
    const name = countries.getName(code, locale);
    if (name) return name;
  }
  return code;
}

const countriesByLanguage = new Map<string, readonly NationalityOption[]>();

/** Every country (alpha-2) with its name, sorted by name in the UI language. */
export function sortedCountries(): readonly NationalityOption[] {
  const language = currentLanguage();
  let sorted = countriesByLanguage.get(language);
  if (!sorted) {
    const collator = new Intl.Collator(language, { sensitivity: 'base' });
    sorted = Object.freeze(
      Object.keys(countries.getAlpha2Codes())
        .map((code) => Object.freeze({ code, name: countryName(code) }))
        .sort((a, b) => collator.compare(a.name, b.name)),
    );
    countriesByLanguage.set(language, sorted);
  }
  return sorted;
}

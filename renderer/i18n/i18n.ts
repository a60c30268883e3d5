/**
 * The one i18n layer every visible string goes through. Catalogues are plain objects
 * per feature, merged per language; `t` is typed by the English catalogue, so a
 * missing key is a type error, and a catalogue for another language must supply
 * every key (`Catalogue`).
 *
 * Placeholders: `{name}`; plurals: keys `x_one` / `x_other` chosen with
 * Intl.PluralRules when a `count` parameter is given.
 */
import { englishCatalogue } from './catalogue-en';

export type MessageKey = keyof typeof englishCatalogue;
type PluralBase<K> = K extends `${infer B}_one` ? B : never;
export type TranslationKey = Exclude<MessageKey, `${string}_one` | `${string}_other`> | PluralBase<MessageKey>;
export type Catalogue = Record<MessageKey, string>;

export type Params = Readonly<Record<string, string | number>>;

const catalogues: Record<string, Catalogue> = { en: englishCatalogue };
let language = 'en';
let pluralRules = new Intl.PluralRules(language);

/** Choose the UI language; falls back to English for languages without a catalogue. */
export function setLanguage(tag: string): void {
  language = tag in catalogues ? tag : 'en';
  pluralRules = new Intl.PluralRules(language);
}

export function currentLanguage(): string {
  return language;
}

export function t(key: TranslationKey, params: Params = {}): string {
  const catalogue = catalogues[language] ?? englishCatalogue;
  const lookup = (k: string): string | undefined => (catalogue as Record<string, string>)[k];
  let template: string | undefined;
  const count = params.count;
  if (typeof count === 'number') {
    template = lookup(`${key}_${pluralRules.select(count)}`) ?? lookup(`${key}_other`);
  }
  template ??= lookup(key) ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

// Building an Intl.NumberFormat costs far more than formatting with one (the map formats
// a number per badge, tooltip and label): one per language, kept.
let numberFormat: { language: string; format: Intl.NumberFormat } | null = null;

export function formatNumber(value: number): string {
  if (numberFormat?.language !== language) numberFormat = { language, format: new Intl.NumberFormat(language) };
  return numberFormat.format.format(value);
}

// The same for dates: the list formats one per visible row, the map a few per redraw.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(style: 'date' | 'dateTime'): Intl.DateTimeFormat {
  const key = `${language}|${style}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(language, style === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' });
    dateFormats.set(key, format);
  }
  return format;
}

export function formatDateTime(iso: string): string {
  return dateFormat('dateTime').format(new Date(iso));
}

export function formatDate(iso: string): string {
  return dateFormat('date').format(new Date(iso));
}

/**
 * Wording of training summaries: short English sentences, each marked so that training
 * data can never be taken for real observations.
 */
import type { TransportMode } from '../../shared/observations/codelists';
import { SUMMARY_MAX_LENGTH } from '../../shared/observations/observation-schema';

/** Every training summary starts with this. */
export const TRAINING_MARK = '[TRAINING] ';

export function isTrainingSummary(summary: string): boolean {
  return summary.startsWith(TRAINING_MARK);
}

/** A summary from sentences, marked and cut to the allowed length. */
export function trainingSummary(...sentences: readonly string[]): string {
  return (TRAINING_MARK + sentences.filter((s) => s !== '').join(' ')).slice(0, SUMMARY_MAX_LENGTH);
}

/** 12345 -> "12,345", the same on every platform (no locale data involved). */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The UTC day of `ms`, as "12 Oct 2015". */
export function formatDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
}

/** "1 person", "3 people". */
export function persons(n: number): string {
  return n === 1 ? '1 person' : `${formatCount(n)} people`;
}

const ADJECTIVES: Readonly<Record<string, string>> = {
  SYR: 'Syrian',
  AFG: 'Afghan',
  IRQ: 'Iraqi',
  PAK: 'Pakistani',
  IRN: 'Iranian',
  PSE: 'Palestinian',
  SOM: 'Somali',
  ERI: 'Eritrean',
  MAR: 'Moroccan',
  BGD: 'Bangladeshi',
  DZA: 'Algerian',
  LBY: 'Libyan',
  TUN: 'Tunisian',
  EGY: 'Egyptian',
  IND: 'Indian',
  NPL: 'Nepali',
  CUB: 'Cuban',
  XKX: 'Kosovo',
};

export function nationalityAdjective(code: string): string {
  return ADJECTIVES[code] ?? code;
}

/** ["SYR", "AFG", "IRQ"] -> "Syrian, Afghan and Iraqi". */
export function listAnd(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

const COUNTRIES: Readonly<Record<string, string>> = {
  DE: 'Germany',
  SE: 'Sweden',
  AT: 'Austria',
  NL: 'the Netherlands',
  DK: 'Denmark',
  FI: 'Finland',
  NO: 'Norway',
  BE: 'Belgium',
  GB: 'the United Kingdom',
  FR: 'France',
  IT: 'Italy',
  CH: 'Switzerland',
  ES: 'Spain',
};

export function countryName(alpha2: string): string {
  return COUNTRIES[alpha2] ?? alpha2;
}

const TRANSPORT: Readonly<Record<TransportMode, string>> = {
  on_foot: 'on foot',
  car: 'by car',
  van: 'in a van',
  truck: 'in a truck',
  bus: 'by bus',
  train: 'by train',
  taxi: 'by taxi',
  boat: 'by boat',
  other: 'by other means',
};

export function transportPhrase(mode: TransportMode | undefined): string {
  return mode === undefined ? '' : ` ${TRANSPORT[mode]}`;
}

/** Who a group was: "men" when it was men only, otherwise "people". */
export function groupNoun(parts: { men: number; women: number; boys: number; girls: number } | null): string {
  return parts !== null && parts.men > 0 && parts.women + parts.boys + parts.girls === 0 ? 'men' : 'people';
}

/** A sentence on a group's make-up, for groups large enough to have one. */
export function compositionSentence(parts: { men: number; women: number; boys: number; girls: number } | null): string {
  if (parts === null) return '';
  const total = parts.men + parts.women + parts.boys + parts.girls;
  if (total < 5 || parts.men === total) return '';
  const children = parts.boys + parts.girls;
  if (children > 0 && children + parts.women >= total / 2) return 'Many were families with children.';
  if (parts.men >= total * 0.8) return 'Nearly all were young men.';
  return '';
}

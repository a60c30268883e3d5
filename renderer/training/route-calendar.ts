/**
 * What the route looked like on a given day, for training data: how many people moved,
 * who they were, where they said they were going, and what the borders let through.
 * Rough orders of magnitude from the public record (UNHCR, IOM, national authorities),
 * good enough for demos, not a source of figures.
 */
import type { BorderStatusValue, Facilitator } from '../../shared/observations/codelists';
import type { Weighted } from './seeded-random';
import { dayMs, withinDays } from './route-legs';

/** Periods with different people, destinations and ways of moving. */
export type Era = 'corridor' | 'after_closure' | 'bosnia';

export function eraAt(ms: number): Era {
  if (ms < dayMs('2016-03-09')) return 'corridor';
  if (ms < dayMs('2018-01-01')) return 'after_closure';
  return 'bosnia';
}

/** People a day moving along the main route, by month. */
const MONTHLY_FLOW: Readonly<Record<number, readonly number[]>> = {
  2015: [150, 150, 150, 150, 250, 600, 1500, 2800, 5500, 7000, 5500, 3500],
  2016: [2200, 1900, 300, 150, 150, 150, 200, 200, 150, 150, 120, 100],
  2017: [100, 90, 90, 80, 80, 90, 100, 100, 100, 90, 80, 80],
  2018: [80, 80, 100, 150, 200, 250, 300, 300, 300, 300, 250, 200],
  2019: [150, 150, 200, 250, 300, 350, 400, 400, 400, 350, 300, 250],
  2020: [200, 150, 100, 80, 100, 150, 200, 250, 250, 250, 200, 200],
  2021: [150, 150, 200, 250, 250, 300, 300, 350, 350, 300, 250, 200],
  2022: [200, 200, 250, 300, 350, 400, 450, 500, 500, 450, 350, 250],
  2023: [200, 200, 200, 250, 250, 300, 300, 300, 300, 250, 200, 150],
};

/** People a day moving along the main route on the UTC day of `ms`. */
export function flowIntensityAt(ms: number): number {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  // The corridor closed on 9 March 2016: the first eight days still saw thousands.
  if (year === 2016 && date.getUTCMonth() === 2 && date.getUTCDate() < 9) return 1500;
  const months = MONTHLY_FLOW[year];
  if (months) return months[date.getUTCMonth()] ?? 100;
  return year < 2015 ? 50 : 150;
}

/** Nationalities (ISO 3166-1 alpha-3, XKX for Kosovo) and their shares of the flow. */
const NATIONALITY_MIX: Readonly<Record<Era, Weighted<string>>> = {
  corridor: [
    ['SYR', 50],
    ['AFG', 25],
    ['IRQ', 15],
    ['PAK', 3],
    ['IRN', 3],
    ['PSE', 1],
    ['SOM', 1],
    ['ERI', 0.5],
    ['MAR', 0.5],
    ['BGD', 0.5],
    ['DZA', 0.5],
  ],
  after_closure: [
    ['AFG', 42],
    ['PAK', 18],
    ['IRQ', 12],
    ['SYR', 10],
    ['IRN', 6],
    ['DZA', 3],
    ['MAR', 3],
    ['BGD', 2],
    ['LBY', 1],
    ['SOM', 1],
    ['IND', 1],
  ],
  bosnia: [
    ['AFG', 22],
    ['PAK', 22],
    ['MAR', 10],
    ['IRN', 9],
    ['BGD', 9],
    ['DZA', 7],
    ['SYR', 6],
    ['IRQ', 5],
    ['LBY', 2],
    ['TUN', 2],
    ['EGY', 2],
    ['IND', 2],
    ['NPL', 1],
    ['CUB', 1],
  ],
};

/** The winter 2014-15 exodus from Kosovo went through Belgrade to the Hungarian border. */
const KOSOVO_EXODUS_MIX: Weighted<string> = [
  ['XKX', 92],
  ['SYR', 4],
  ['AFG', 4],
];

export function nationalityMix(era: Era, kosovoExodus = false): Weighted<string> {
  return kosovoExodus ? KOSOVO_EXODUS_MIX : NATIONALITY_MIX[era];
}

/** Shares of men, women, boys and girls, and the share of children travelling unaccompanied. */
export interface Demography {
  men: number;
  women: number;
  boys: number;
  girls: number;
  unaccompaniedShare: number;
}

const DEMOGRAPHY: Readonly<Record<Era, Demography>> = {
  corridor: { men: 0.5, women: 0.2, boys: 0.17, girls: 0.13, unaccompaniedShare: 0.05 },
  after_closure: { men: 0.6, women: 0.14, boys: 0.18, girls: 0.08, unaccompaniedShare: 0.25 },
  bosnia: { men: 0.85, women: 0.05, boys: 0.08, girls: 0.02, unaccompaniedShare: 0.3 },
};

export function demographyOf(era: Era): Demography {
  return DEMOGRAPHY[era];
}

/** Where people said they were heading (ISO 3166-1 alpha-2). */
const DESTINATIONS: Readonly<Record<Era, Weighted<string>>> = {
  corridor: [
    ['DE', 60],
    ['SE', 15],
    ['AT', 10],
    ['NL', 4],
    ['DK', 2],
    ['FI', 2],
    ['NO', 2],
    ['BE', 2],
    ['GB', 2],
    ['FR', 1],
  ],
  after_closure: [
    ['DE', 35],
    ['AT', 15],
    ['FR', 15],
    ['IT', 10],
    ['SE', 5],
    ['CH', 5],
    ['GB', 5],
    ['BE', 5],
    ['NL', 5],
  ],
  bosnia: [
    ['IT', 30],
    ['FR', 25],
    ['DE', 20],
    ['AT', 5],
    ['ES', 5],
    ['CH', 5],
    ['BE', 5],
    ['GB', 3],
    ['NL', 2],
  ],
};

export function destinationMix(era: Era): Weighted<string> {
  return DESTINATIONS[era];
}

/** Whether a smuggler was seen with a group: rare while states ran the corridor, common after. */
const FACILITATORS: Readonly<Record<Era, Weighted<Facilitator>>> = {
  corridor: [
    ['none_observed', 75],
    ['unknown', 20],
    ['suspected_smuggler', 5],
  ],
  after_closure: [
    ['none_observed', 20],
    ['unknown', 45],
    ['suspected_smuggler', 30],
    ['confirmed_smuggler', 5],
  ],
  bosnia: [
    ['none_observed', 25],
    ['unknown', 40],
    ['suspected_smuggler', 30],
    ['confirmed_smuggler', 5],
  ],
};

export function facilitatorMix(era: Era): Weighted<Facilitator> {
  return FACILITATORS[era];
}

/** Crossings of the 2015-16 corridor between Greece and Austria. */
const CORRIDOR_BORDER_POINTS = new Set([
  'gr-idomeni',
  'mk-gevgelija',
  'mk-tabanovce',
  'rs-miratovac',
  'rs-berkasovo',
  'rs-sid',
  'hr-bapska',
  'hr-tovarnik',
  'si-dobova',
  'si-sentilj',
  'at-spielfeld',
]);
/** Crossings into Hungary. */
const HUNGARY_BORDER_POINTS = new Set(['rs-horgos', 'hu-roszke', 'rs-kelebija', 'hu-tompa']);
/** Crossings of the Bosnia route, closed to irregular crossing throughout. */
const BOSNIA_BORDER_POINTS = new Set(['hr-maljevac']);

/** Places that are not crossings by kind but sit on a border. */
export const EXTRA_BORDER_POINTS: ReadonlySet<string> = new Set(['gr-idomeni', 'mk-tabanovce', 'si-sentilj', 'rs-sid']);

export interface BorderStatusOnDay {
  status: BorderStatusValue;
  /** Nationalities let through (alpha-3), when only some were. */
  nationalityFilter: string[];
}

/**
 * What a crossing let through on a day, where the record is known: the corridor opened
 * in June 2015, let only Syrians, Afghans and Iraqis through from 19 November 2015,
 * only Syrians and Iraqis from 21 February 2016, and closed on 9 March 2016; Hungary
 * closed its border on 15 September 2015 and admitted a few a day to its transit zones
 * until they closed in May 2020. Null when the crossing has no known history.
 */
export function knownBorderStatusAt(placeId: string, ms: number): BorderStatusOnDay | null {
  const status = (value: BorderStatusValue, nationalityFilter: string[] = []): BorderStatusOnDay => ({ status: value, nationalityFilter });
  if (CORRIDOR_BORDER_POINTS.has(placeId)) {
    if (ms < dayMs('2015-06-18')) return status('closed');
    if ((placeId === 'gr-idomeni' || placeId === 'mk-gevgelija') && withinDays(ms, '2015-08-20', '2015-08-23')) return status('closed');
    if (ms < dayMs('2015-11-19')) return status('open');
    if (ms < dayMs('2016-02-21')) return status('restricted', ['SYR', 'AFG', 'IRQ']);
    if (ms < dayMs('2016-03-09')) return status('restricted', ['SYR', 'IRQ']);
    return status('closed');
  }
  if (HUNGARY_BORDER_POINTS.has(placeId)) {
    if (ms < dayMs('2015-09-15')) return status('open');
    if (ms < dayMs('2016-02-01')) return status('closed');
    if (ms < dayMs('2020-05-21')) return status('restricted');
    return status('closed');
  }
  if (BOSNIA_BORDER_POINTS.has(placeId)) return status('closed');
  return null;
}

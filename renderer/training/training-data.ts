/**
 * Training and demo data: observations along the route over a period, with flows between
 * the gazetteer's places in the order people travelled them, only at places in use on
 * the record's day, every record passing the cross-field rules and every summary marked
 * `[TRAINING] `. Deterministic for a seed; a generator, so that 200,000 records can be
 * written in batches without holding them all.
 */
import type { ObservationKind } from '../../shared/observations/codelists';
import { OBSERVATION_KINDS } from '../../shared/observations/codelists';
import type { ObservationInput } from '../../shared/observations/observation-schema';
import type { Place } from '../../shared/places/place';
import { isPlaceActiveAt } from './active-period';
import { flowIntensityAt } from './route-calendar';
import { SeededRandom } from './seeded-random';
import type { DayContext } from './training-day';
import { DAY_MS, buildDayContext } from './training-day';
import { authorsOf, checkOfficeCodes, reportingOffice } from './training-offices';
import type { BuiltRecord } from './record-basics';
import { KIND_BUILDERS, KIND_WEIGHTS } from './training-records';

export { TRAINING_MARK, isTrainingSummary } from './training-summaries';
export { trainingFlows } from './route-legs';

export interface TrainingObservation {
  input: ObservationInput;
  office: string;
  author: string;
}

export interface TrainingOptions {
  /** The gazetteer: records use only these places. */
  places: readonly Place[];
  count: number;
  seed: number;
  /** Period of the records: every time falls in [start, end). */
  start: Date;
  end: Date;
  /** Offices allowed to report (default: the training offices of every mission). */
  offices?: readonly string[];
}

/** Relative number of records written on a day: more when more people moved, but not in proportion. */
function recordWeight(dayStartMs: number): number {
  return Math.sqrt(flowIntensityAt(dayStartMs));
}

/**
 * `count` training observations spread over [start, end): days with more movement get
 * more records, and records come out day by day in time order. Throws when the options
 * leave nothing to generate from (no place of the allowed offices in use in the period).
 */
export function generateTrainingObservations(options: TrainingOptions): Generator<TrainingObservation> {
  const { places, count, seed } = options;
  const startMs = options.start.getTime();
  const endMs = options.end.getTime();
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a whole number of records: ${count}`);
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || startMs >= endMs) throw new Error('start must be a valid time before end');
  if (options.offices) checkOfficeCodes(options.offices);

  const reporters = new Map<string, string>();
  for (const place of places) {
    const office = reportingOffice(place, options.offices);
    if (office !== null) reporters.set(place.id, office);
  }
  const usable = places.filter((p) => reporters.has(p.id));
  const byId = new Map(usable.map((p) => [p.id, p]));

  // Weight of each day in the period; a day with no usable place in use gets none.
  const firstDayMs = Math.floor(startMs / DAY_MS) * DAY_MS;
  const dayCount = Math.ceil((endMs - firstDayMs) / DAY_MS);
  const cumulative = new Float64Array(dayCount);
  const yearInUse = new Map<number, boolean>();
  let total = 0;
  for (let d = 0; d < dayCount; d++) {
    const dayStartMs = firstDayMs + d * DAY_MS;
    const year = new Date(dayStartMs).getUTCFullYear();
    let inUse = yearInUse.get(year);
    if (inUse === undefined) {
      inUse = usable.some((p) => isPlaceActiveAt(p, dayStartMs));
      yearInUse.set(year, inUse);
    }
    const covered = (Math.min(dayStartMs + DAY_MS, endMs) - Math.max(dayStartMs, startMs)) / DAY_MS;
    total += inUse ? recordWeight(dayStartMs) * covered : 0;
    cumulative[d] = total;
  }
  if (count > 0 && !(total > 0)) throw new Error('no place of the allowed offices is in use between start and end');

  return (function* generate(): Generator<TrainingObservation> {
    const rng = new SeededRandom(seed);
    let d = 0;
    let day: DayContext | null = null;
    for (let i = 0; i < count; i++) {
      // Stratified draw: the i-th record falls in the i-th slice of the period's weight, so records come in time order.
      const target = ((i + rng.next()) / count) * total;
      while (d < dayCount - 1 && (cumulative[d] ?? 0) <= target) d++;
      while ((cumulative[d] ?? 0) - (d > 0 ? (cumulative[d - 1] ?? 0) : 0) <= 0 && d > 0) d--;
      const dayStartMs = firstDayMs + d * DAY_MS;
      if (day?.dayStartMs !== dayStartMs) day = buildDayContext(usable, byId, dayStartMs, startMs, endMs);
      const built = buildRecord(rng, day);
      const office = reporters.get(built.place.id);
      if (office === undefined) throw new Error(`no office for ${built.place.id}`);
      yield { input: built.input, office, author: rng.pick(authorsOf(office)) };
    }
  })();
}

/** A record of a kind the day allows, kinds drawn by their usual mix. */
function buildRecord(rng: SeededRandom, day: DayContext): BuiltRecord {
  let kinds: ObservationKind[] = [...OBSERVATION_KINDS];
  while (kinds.length > 0) {
    const kind = rng.weighted(kinds.map((k) => [k, KIND_WEIGHTS[k]] as const));
    const built = KIND_BUILDERS[kind](rng, day);
    if (built) return built;
    kinds = kinds.filter((k) => k !== kind);
  }
  throw new Error(`no record possible on ${new Date(day.dayStartMs).toISOString()}`);
}

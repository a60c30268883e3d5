/**
 * The plan of a file judged in parts (import-planner.ts runs one session per part, each
 * in its own worker, so that a large file is checked on every core): the parts' reports
 * joined into the report one session would have made of the whole file. Equal to it,
 * field by field and in the same order (plan-merge.test.ts holds them equal): rows are in
 * file order within a part and the parts follow one another, so joining is appending,
 * except for a record a later part found ready that an earlier part had already: that
 * row repeats the earlier one, as the one session would have said.
 */
import type { UnmatchedName } from '../../shared/import/import-rows';
import type { PlanReport } from './plan-session';

export interface MergedPlan {
  report: PlanReport;
  /** The part holding each of report.readyIds' records (it hands them out). */
  owners: number[];
}

function addNames(into: Map<string, UnmatchedName>, names: readonly UnmatchedName[]): void {
  for (const name of names) {
    const known = into.get(name.key);
    // The first spelling met stays the one shown, as in one session.
    if (known === undefined) into.set(name.key, { ...name });
    else known.rows += name.rows;
  }
}

export function mergePlanReports(parts: readonly PlanReport[]): MergedPlan {
  const report: PlanReport = { readyIds: [], readyNumbers: [], warned: [], rejected: [], skipped: [], skippedNationality: [], repeated: [], unmatchedPlaces: [], unmatchedNationalities: [] };
  const owners: number[] = [];
  const firstRowOf = new Map<string, number>();
  const places = new Map<string, UnmatchedName>();
  const nationalities = new Map<string, UnmatchedName>();
  parts.forEach((part, index) => {
    // Rows this part found ready whose record an earlier part had: row number -> that part's row.
    const repeatsEarlier = new Map<number, number>();
    part.readyIds.forEach((id, i) => {
      const number = part.readyNumbers[i];
      if (number === undefined) throw new Error('a part reported a ready record without its row');
      const first = firstRowOf.get(id);
      if (first !== undefined) {
        repeatsEarlier.set(number, first);
        return;
      }
      firstRowOf.set(id, number);
      report.readyIds.push(id);
      report.readyNumbers.push(number);
      owners.push(index);
    });
    report.warned.push(...part.warned.filter((row) => !repeatsEarlier.has(row.number)));
    report.rejected.push(...part.rejected);
    report.skipped.push(...part.skipped);
    report.skippedNationality.push(...part.skippedNationality);
    // A row that repeated one of this part's rows which itself repeats an earlier part's
    // record repeats that earlier row: the one session names the first row of the record.
    const repeated = [
      ...part.repeated.map((row) => ({ number: row.number, sameAs: repeatsEarlier.get(row.sameAs) ?? row.sameAs })),
      ...[...repeatsEarlier].map(([number, sameAs]) => ({ number, sameAs })),
    ].sort((a, b) => a.number - b.number);
    report.repeated.push(...repeated);
    addNames(places, part.unmatchedPlaces);
    addNames(nationalities, part.unmatchedNationalities);
  });
  report.unmatchedPlaces = [...places.values()];
  report.unmatchedNationalities = [...nationalities.values()];
  return { report, owners };
}

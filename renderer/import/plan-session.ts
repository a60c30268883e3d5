/**
 * The import's work off the screen's thread: the file's rows parsed, mapped, matched,
 * judged by the shared rules and given their ids (shared/import/import-rows.ts), kept
 * here; the screen gets the report, and later, when the user imports, the ready records
 * batch by batch in id order. It runs in the import worker (import.worker.ts), and in
 * the page itself where there are no workers (jsdom in the component tests): the same
 * code either way (import-planner.ts).
 */
import type { ImportMapping } from '../../shared/import/import-fields';
import { planImport } from '../../shared/import/import-rows';
import type { ImportPlan, ImportRow, ReadyRow, RowIssue, UnmatchedName } from '../../shared/import/import-rows';
import { createPlaceMatcher } from '../../shared/import/place-matcher';
import type { PlaceMatcher } from '../../shared/import/place-matcher';
import type { Place } from '../../shared/places/place';
import { importRowOf, parseCsvCells } from './parse-csv';
import type { Delimiter } from './parse-csv';

/** Where the rows come from: a decoded CSV, parsed in the session, or rows read already (GeoJSON points). */
export type PlanSource = { kind: 'csv'; text: string; delimiter: Delimiter } | { kind: 'rows'; rows: ImportRow[] };

/** A record the store's writer is handed: its content id and its candidate, judged valid. */
export interface ImportItem {
  id: string;
  candidate: ReadyRow['candidate'];
}

/** What the screen shows before anything is stored: the plan without its records. */
export interface PlanReport {
  /** The ids of the ready records, in row order (the screen asks the store which it holds). */
  readyIds: string[];
  /** The file's row number of each ready record (plan-merge.ts joins the parts' plans by them). */
  readyNumbers: number[];
  /** Ready records with warnings, by row. */
  warned: { number: number; warnings: readonly RowIssue[] }[];
  rejected: ImportPlan['rejected'];
  skipped: number[];
  skippedNationality: number[];
  repeated: ImportPlan['repeated'];
  unmatchedPlaces: UnmatchedName[];
  unmatchedNationalities: UnmatchedName[];
}

/** Which share of the file's rows a session judges: the `index`th of `of` runs of rows, in file order. */
export interface PlanPart {
  index: number;
  of: number;
}

export type PlanRequest =
  | { id: number; type: 'plan'; source: PlanSource; mapping: ImportMapping; office: string; nowMs: number; places: readonly Place[]; part?: PlanPart }
  | { id: number; type: 'replan'; mapping: ImportMapping; nowMs: number }
  | { id: number; type: 'batch'; start: number; size: number }
  /** The ready records of these ids, in this order (a plan made in parts asks each part for its own). */
  | { id: number; type: 'items'; ids: readonly string[] };

export type PlanReply =
  | { id: number; type: 'progress'; percent: number }
  | { id: number; type: 'planned'; report: PlanReport }
  | { id: number; type: 'batch'; items: ImportItem[] }
  | { id: number; type: 'failed'; message: string };

/** Parsing is the quick part of checking: it fills the first tenth of the bar, judging the rest. */
const PARSE_SHARE = 10;

const byId = (a: ReadyRow, b: ReadyRow): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function reportOf(plan: ImportPlan): PlanReport {
  return {
    readyIds: plan.ready.map((row) => row.id),
    readyNumbers: plan.ready.map((row) => row.number),
    warned: plan.ready.filter((row) => row.warnings.length > 0).map((row) => ({ number: row.number, warnings: row.warnings })),
    rejected: plan.rejected,
    skipped: plan.skipped,
    skippedNationality: plan.skippedNationality,
    repeated: plan.repeated,
    unmatchedPlaces: plan.unmatchedPlaces,
    unmatchedNationalities: plan.unmatchedNationalities,
  };
}

/** The rows of `part`: one run of about rows.length / part.of rows, so that the parts together are every row once, in order. */
export function rowsOfPart<T>(rows: readonly T[], part: PlanPart | undefined): readonly T[] {
  if (part === undefined || part.of <= 1) return rows;
  const of = Math.max(1, Math.floor(part.of));
  const index = Math.min(of - 1, Math.max(0, Math.floor(part.index)));
  return rows.slice(Math.floor((rows.length * index) / of), Math.floor((rows.length * (index + 1)) / of));
}

export interface PlanSession {
  handle(request: PlanRequest): Promise<void>;
}

/** `inWorker`: the session has a thread of its own (import.worker.ts), with no screen to keep responsive. */
export function createPlanSession(post: (reply: PlanReply) => void, options: { inWorker?: boolean } = {}): PlanSession {
  let rows: readonly ImportRow[] = [];
  let office = '';
  let matcher: PlaceMatcher | null = null;
  let placesById: ReadonlyMap<string, Place> = new Map();
  /** The ready records of the last plan, in id order: observation-time order (import-id.ts), so a batch touches few days of the day index. */
  let ready: ReadyRow[] = [];
  /** The same by id, made when a part is first asked for records by id. */
  let readyById: Map<string, ReadyRow> | null = null;

  function judge(id: number, mapping: ImportMapping, nowMs: number): void {
    if (matcher === null) throw new Error('no file was read');
    const total = Math.max(1, rows.length);
    const plan = planImport(rows, { mapping, matcher, placesById, office, nowMs }, (judged) =>
      post({ id, type: 'progress', percent: PARSE_SHARE + Math.floor(((100 - PARSE_SHARE) * judged) / total) }),
    );
    ready = [...plan.ready].sort(byId);
    readyById = null;
    post({ id, type: 'planned', report: reportOf(plan) });
  }

  async function handle(request: PlanRequest): Promise<void> {
    const { id } = request;
    try {
      if (request.type === 'plan') {
        office = request.office;
        matcher = createPlaceMatcher(request.places);
        placesById = new Map(request.places.map((place) => [place.id, place]));
        // Each part parses the whole text (a row's number is its place in the file, and
        // where a row ends is only known by reading what comes before) and judges its
        // share: only its own rows get their cells by column name.
        if (request.source.kind === 'rows') rows = rowsOfPart(request.source.rows, request.part);
        else {
          const parsed = await parseCsvCells(request.source.text, {
            delimiter: request.source.delimiter,
            onProgress: (done, total) => post({ id, type: 'progress', percent: total === 0 ? PARSE_SHARE : Math.floor((PARSE_SHARE * done) / total) }),
            yieldBetweenChunks: options.inWorker !== true,
          });
          rows = rowsOfPart(parsed.rows, request.part).map((row) => importRowOf(parsed.columns, row));
        }
        judge(id, request.mapping, request.nowMs);
      } else if (request.type === 'replan') {
        judge(id, request.mapping, request.nowMs);
      } else if (request.type === 'items') {
        const planned = (readyById ??= new Map(ready.map((row) => [row.id, row])));
        const items = request.ids.flatMap((readyId) => {
          const row = planned.get(readyId);
          return row === undefined ? [] : [{ id: row.id, candidate: row.candidate }];
        });
        if (items.length !== request.ids.length) throw new Error('asked for a record this part did not plan');
        post({ id, type: 'batch', items });
      } else {
        const start = Math.max(0, request.start);
        const items = ready.slice(start, start + Math.max(1, request.size)).map((row) => ({ id: row.id, candidate: row.candidate }));
        post({ id, type: 'batch', items });
      }
    } catch (error) {
      post({ id, type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  return { handle };
}

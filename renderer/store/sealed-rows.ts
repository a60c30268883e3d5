/**
 * What the store encrypts at rest, row by row (record-cipher.ts does the encryption).
 *
 * - observations: the sensitive fields (SENSITIVE_FIELD_PATHS) of every record, as one
 *   envelope under `sealed`; the rest of the record stays in the clear, for the indexes
 *   and the sync bookkeeping. Every record gets an envelope, with or without sensitive
 *   values, so that a row does not tell whether it holds any.
 * - attention: the same for the record as it was pushed.
 * - revisions: the changes of sensitive fields (field name, old and new value), as one
 *   envelope; changes of other fields stay in the clear.
 * - drafts: the whole form.
 * - meta: the enrolment's bearer token.
 *
 * Each envelope is bound to its place (table, row key, fields): see record-cipher.ts.
 * A row without an envelope is a row from before encryption (migrate-at-rest.ts seals
 * it): it is read as it is. An envelope that does not open gives the row without its
 * protected values and a mark (`protectedFieldsUnreadable`), never a guess.
 */
import type { Observation } from '../../shared/observations/observation-schema';
import { SENSITIVE_FIELD_PATHS } from '../../shared/observations/sensitive-fields';
import type { FieldChange } from '../../shared/sync/changed-fields';
import { DamagedCiphertextError, isEnvelope, placeOf } from '../crypto/record-cipher';
import type { RecordCipher } from '../crypto/record-cipher';
import type { AttentionRow, DraftRow, RevisionRow } from './database';
import type { Enrolment } from './meta-keys';

/** A stored row's envelope. */
export interface Sealed {
  sealed?: Uint8Array;
}

/** A record as the observations table holds it: the record without its sensitive fields, and their envelope. */
export type StoredObservation = Observation & Sealed;
export type StoredRevision = RevisionRow & Sealed;
export type StoredAttention = AttentionRow & Sealed;
export type StoredDraft = DraftRow & Sealed;
/** The enrolment as meta holds it: the token sealed apart. */
export type StoredEnrolment = Omit<Enrolment, 'token'> & { token?: string; tokenSealed?: Uint8Array };

/** Top-level fields that hold a sensitive path (`source` holds `source.name`). */
export const SENSITIVE_TOP_FIELDS: ReadonlySet<string> = new Set(SENSITIVE_FIELD_PATHS.map((path) => path.split('.')[0] ?? path));

const UNREADABLE = Symbol('protectedFieldsUnreadable');

/**
 * Whether this record's (or draft's) protected fields could not be read: its envelope is
 * damaged or was moved. The screens say so and show no value for them; the store writes
 * nothing over such a record (the write would clear the values on the server).
 */
export function protectedFieldsUnreadable(row: object): boolean {
  return (row as { [UNREADABLE]?: true })[UNREADABLE] === true;
}

function markUnreadable<T extends object>(row: T): T {
  Object.defineProperty(row, UNREADABLE, { value: true, enumerable: true });
  return row;
}

/** A write refused because the record's protected fields could not be read. */
export class UnreadableRecordError extends Error {
  constructor(readonly recordId: string) {
    super(`record ${recordId}: its protected fields could not be read, so it cannot be changed on this device`);
    this.name = 'UnreadableRecordError';
  }
}

export const observationPlace = (table: 'observations' | 'attention', key: string): string => placeOf(table, key, SENSITIVE_FIELD_PATHS);
export const revisionPlace = (id: string): string => placeOf('revisions', id, ['changes']);
export const draftPlace = (id: string): string => placeOf('drafts', id, ['form']);
export const ENROLMENT_TOKEN_PLACE = placeOf('meta', 'enrolment', ['token']);

/** The record without its sensitive values, and those values by path (only the ones it holds). */
export function splitSensitive(record: Observation): { clear: Observation; secret: Record<string, unknown> } {
  const clear: Record<string, unknown> = { ...record };
  const secret: Record<string, unknown> = {};
  for (const path of SENSITIVE_FIELD_PATHS) {
    const keys = path.split('.');
    const leaf = keys.pop() ?? path;
    // Copy each object on the way, so the caller's record is never changed.
    let holder: Record<string, unknown> | undefined = clear;
    for (const key of keys) {
      const parent: Record<string, unknown> = holder;
      const next: unknown = parent[key];
      if (next === null || typeof next !== 'object') {
        holder = undefined;
        break;
      }
      holder = { ...(next as Record<string, unknown>) };
      parent[key] = holder;
    }
    if (holder === undefined || !(leaf in holder)) continue;
    secret[path] = holder[leaf];
    Reflect.deleteProperty(holder, leaf);
  }
  return { clear: clear as Observation, secret };
}

/** The record with its sensitive values put back. */
export function joinSensitive(clear: Observation, secret: Readonly<Record<string, unknown>>): Observation {
  const record: Record<string, unknown> = { ...clear };
  for (const [path, value] of Object.entries(secret)) {
    if (!SENSITIVE_FIELD_PATHS.includes(path)) continue;
    const keys = path.split('.');
    const leaf = keys.pop() ?? path;
    let holder = record;
    for (const key of keys) {
      const next: unknown = holder[key];
      const copy = next !== null && typeof next === 'object' ? { ...(next as Record<string, unknown>) } : {};
      holder[key] = copy;
      holder = copy;
    }
    holder[leaf] = value;
  }
  return record as Observation;
}

function withoutEnvelope<T extends Sealed>(row: T): Omit<T, 'sealed'> {
  const { sealed: _sealed, ...rest } = row;
  return rest;
}

export async function sealRecord(record: Observation, cipher: RecordCipher, table: 'observations' | 'attention' = 'observations', key: string = record.id): Promise<StoredObservation> {
  const { clear, secret } = splitSensitive(withoutEnvelope(record as StoredObservation));
  return { ...clear, sealed: await cipher.seal(secret, observationPlace(table, key)) };
}

export async function openRecord(row: StoredObservation, cipher: RecordCipher, table: 'observations' | 'attention' = 'observations', key: string = row.id): Promise<Observation> {
  if (row.sealed === undefined) return row;
  const clear = withoutEnvelope(row) as Observation;
  try {
    const secret = await cipher.open(row.sealed, observationPlace(table, key));
    if (secret === null || typeof secret !== 'object') throw new DamagedCiphertextError(observationPlace(table, key), 'not a field set');
    return joinSensitive(clear, secret as Record<string, unknown>);
  } catch (error) {
    if (!(error instanceof DamagedCiphertextError)) throw error;
    // Never the clear part's leftovers either: a row holding a sensitive value beside an envelope is not ours.
    return markUnreadable(splitSensitive(clear).clear);
  }
}

export function sealRecords(records: readonly Observation[], cipher: RecordCipher): Promise<StoredObservation[]> {
  return Promise.all(records.map((record) => sealRecord(record, cipher)));
}

/** The records of these rows, their sensitive fields decrypted (undefined stays undefined). */
export function openRecords<R extends StoredObservation | undefined>(rows: readonly R[], cipher: RecordCipher): Promise<(R extends undefined ? Observation | undefined : Observation)[]> {
  return Promise.all(rows.map(async (row) => (row === undefined ? undefined : openRecord(row, cipher)))) as Promise<(R extends undefined ? Observation | undefined : Observation)[]>;
}

const changeIsSensitive = (change: FieldChange): boolean => SENSITIVE_TOP_FIELDS.has(change.field);

/** A revision's changes as stored: those of sensitive fields sealed under the revision's id, the rest in the clear. */
export async function sealChanges(revisionId: string, changes: readonly FieldChange[], cipher: RecordCipher): Promise<{ changes: FieldChange[]; sealed?: Uint8Array }> {
  const secret = changes.flatMap((change, i) => (changeIsSensitive(change) ? [[i, change] as const] : []));
  const clear = changes.filter((change) => !changeIsSensitive(change));
  if (secret.length === 0) return { changes: clear };
  return { changes: clear, sealed: await cipher.seal(secret, revisionPlace(revisionId)) };
}

export async function sealRevision(row: RevisionRow, cipher: RecordCipher): Promise<StoredRevision> {
  const plain = withoutEnvelope(row as StoredRevision) as RevisionRow;
  if (!plain.changes.some(changeIsSensitive)) return plain;
  if (plain.id === undefined) throw new Error('a revision is sealed under its id, and this one has none');
  return { ...plain, ...(await sealChanges(plain.id, plain.changes, cipher)) };
}

export function sealRevisions(rows: readonly RevisionRow[], cipher: RecordCipher): Promise<StoredRevision[]> {
  return Promise.all(rows.map((row) => sealRevision(row, cipher)));
}

export async function openRevision(row: StoredRevision, cipher: RecordCipher): Promise<RevisionRow> {
  if (row.sealed === undefined) return row;
  const plain = withoutEnvelope(row) as RevisionRow;
  try {
    const secret = await cipher.open(row.sealed, revisionPlace(row.id ?? ''));
    if (!Array.isArray(secret)) throw new DamagedCiphertextError(revisionPlace(row.id ?? ''), 'not a change list');
    const changes = [...plain.changes];
    for (const entry of secret as [number, FieldChange][]) changes.splice(entry[0], 0, entry[1]);
    return { ...plain, changes };
  } catch (error) {
    if (!(error instanceof DamagedCiphertextError)) throw error;
    return markUnreadable({ ...plain, changes: plain.changes.filter((change) => !changeIsSensitive(change)) });
  }
}

export function openRevisions(rows: readonly StoredRevision[], cipher: RecordCipher): Promise<RevisionRow[]> {
  return Promise.all(rows.map((row) => openRevision(row, cipher)));
}

export async function sealAttention(row: AttentionRow, cipher: RecordCipher): Promise<StoredAttention> {
  const sealed = await sealRecord(row.record, cipher, 'attention', row.changeId);
  const { sealed: envelope, ...record } = sealed;
  return { ...(withoutEnvelope(row as StoredAttention) as AttentionRow), record, ...(envelope === undefined ? {} : { sealed: envelope }) };
}

export async function openAttention(row: StoredAttention, cipher: RecordCipher): Promise<AttentionRow> {
  if (row.sealed === undefined) return row;
  const record = await openRecord({ ...row.record, sealed: row.sealed }, cipher, 'attention', row.changeId);
  const opened = { ...(withoutEnvelope(row) as AttentionRow), record };
  return protectedFieldsUnreadable(record) ? markUnreadable(opened) : opened;
}

export async function sealDraft(row: DraftRow, cipher: RecordCipher): Promise<StoredDraft> {
  return { ...row, form: null, sealed: await cipher.seal(row.form, draftPlace(row.id)) };
}

export async function openDraft(row: StoredDraft, cipher: RecordCipher): Promise<DraftRow> {
  if (row.sealed === undefined) return row;
  const plain = withoutEnvelope(row) as DraftRow;
  try {
    return { ...plain, form: await cipher.open(row.sealed, draftPlace(row.id)) };
  } catch (error) {
    if (!(error instanceof DamagedCiphertextError)) throw error;
    return markUnreadable({ ...plain, form: null });
  }
}

export async function sealEnrolment(enrolment: Enrolment, cipher: RecordCipher): Promise<StoredEnrolment> {
  const { token, ...rest } = enrolment as StoredEnrolment;
  const { tokenSealed: _old, ...clear } = rest;
  return { ...clear, tokenSealed: await cipher.seal(token ?? '', ENROLMENT_TOKEN_PLACE) };
}

/** The enrolment with its token; a token that does not open reads as '' and marks the enrolment (the server then refuses it: enrol again). */
export async function openEnrolment(stored: StoredEnrolment, cipher: RecordCipher): Promise<Enrolment> {
  const { tokenSealed, ...rest } = stored;
  if (tokenSealed === undefined) return { ...rest, token: rest.token ?? '' };
  try {
    const token = await cipher.open(tokenSealed, ENROLMENT_TOKEN_PLACE);
    return { ...rest, token: typeof token === 'string' ? token : '' };
  } catch (error) {
    if (!(error instanceof DamagedCiphertextError)) throw error;
    return markUnreadable({ ...rest, token: '' });
  }
}

export { isEnvelope };

/**
 * For code that reads the observations table itself (the report worker): the rows
 * decrypted, in order. Runs in a Worker: post it the data key (a CryptoKey can be
 * posted) and make the cipher there with `createRecordCipher`. A row whose envelope
 * does not open comes without its sensitive fields, marked (`protectedFieldsUnreadable`).
 */
export function decryptObservations(rows: readonly StoredObservation[], cipher: RecordCipher): Promise<Observation[]> {
  return Promise.all(rows.map((row) => openRecord(row, cipher)));
}

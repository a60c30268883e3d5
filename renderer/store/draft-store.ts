/**
 * Unfinished forms, kept on the device as they are typed. A draft is never validated
 * here: "Save draft" must work whatever the form holds (PRODUCT.md: "a form that
 * refuses to save a draft" is what field monitors fear). Drafts never sync.
 *
 * The whole form is encrypted at rest (sealed-rows.ts); only the draft's id, the record
 * it edits and when it was touched stay in the clear (they are the table's indexes). A
 * draft whose envelope does not open is listed with no form and marked
 * (`protectedFieldsUnreadable`).
 */
import type { RecordCipher } from '../crypto/record-cipher';
import type { DraftRow, RoutewatchDatabase } from './database';
import { openDraft, sealDraft } from './sealed-rows';

export class DraftStore {
  constructor(
    private readonly db: RoutewatchDatabase,
    private readonly cipher: RecordCipher,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every draft, the most recently touched first. */
  async list(): Promise<DraftRow[]> {
    const rows = await this.db.drafts.orderBy('updatedAt').reverse().toArray();
    return Promise.all(rows.map((row) => openDraft(row, this.cipher)));
  }

  async get(id: string): Promise<DraftRow | undefined> {
    const row = await this.db.drafts.get(id);
    return row === undefined ? undefined : openDraft(row, this.cipher);
  }

  /** The unfinished edit of a record, if there is one. */
  async forRecord(recordId: string): Promise<DraftRow | undefined> {
    const row = await this.db.drafts.where('recordId').equals(recordId).first();
    return row === undefined ? undefined : openDraft(row, this.cipher);
  }

  async save(id: string, recordId: string | null, form: unknown): Promise<DraftRow> {
    const row: DraftRow = { id, recordId, updatedAt: new Date(this.now()).toISOString(), form };
    await this.db.drafts.put(await sealDraft(row, this.cipher));
    return row;
  }

  async remove(id: string): Promise<void> {
    await this.db.drafts.delete(id);
  }
}

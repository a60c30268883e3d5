/**
 * Unfinished forms, kept on the device as they are typed. A draft is never validated
 * here: "Save draft" must work whatever the form holds (PRODUCT.md: "a form that
 * refuses to save a draft" is what field monitors fear). Drafts never sync.
 */
import type { DraftRow, RoutewatchDatabase } from './database';

export class DraftStore {
  constructor(
    private readonly db: RoutewatchDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every draft, the most recently touched first. */
  async list(): Promise<DraftRow[]> {
    return this.db.drafts.orderBy('updatedAt').reverse().toArray();
  }

  async get(id: string): Promise<DraftRow | undefined> {
    return this.db.drafts.get(id);
  }

  /** The unfinished edit of a record, if there is one. */
  async forRecord(recordId: string): Promise<DraftRow | undefined> {
    return this.db.drafts.where('recordId').equals(recordId).first();
  }

  async save(id: string, recordId: string | null, form: unknown): Promise<DraftRow> {
    const row: DraftRow = { id, recordId, updatedAt: new Date(this.now()).toISOString(), form };
    await this.db.drafts.put(row);
    return row;
  }

  async remove(id: string): Promise<void> {
    await this.db.drafts.delete(id);
  }
}

/**
 * Every integration suite runs twice: on PGlite in memory, and on the PostgreSQL of
 * DATABASE_URL in a schema of its own (dropped at the end), so that runs and files
 * never see each other's rows. Without DATABASE_URL the PostgreSQL run is skipped,
 * and its name says why.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../server/db/db';
import { openPgliteDb } from '../../../server/db/pglite-db';
import { openPostgresDb } from '../../../server/db/postgres-db';
import { migrate } from '../../../server/db/migrate';
import { buildServer } from '../../../server/app';
import type { BuildServerOptions } from '../../../server/app';

export const DATABASE_URL = process.env.DATABASE_URL ?? '';
export const ADMIN_TOKEN = 'integration-admin-token-0123456789';

export type DbKind = 'pglite' | 'postgres';

/** What a suite gets: its migrated database and a factory of apps on it. */
export interface Harness {
  readonly kind: DbKind;
  /** The suite's database (open between beforeAll and afterAll). */
  readonly db: Db;
  /** PostgreSQL only: the schema the suite works in. */
  readonly schema: string | undefined;
  /** Build an app on the suite's database (closed after the suite). */
  app(options?: Partial<BuildServerOptions>): Promise<FastifyInstance>;
  /** Delete every row, so that a test starts from an empty database. */
  reset(): Promise<void>;
  /** Another connection pool on the same PostgreSQL schema (PostgreSQL only). */
  openAnother(): Promise<Db>;
}

const TABLES = ['issued_reports', 'issued_report_counters', 'changes', 'records', 'revisions', 'record_devices', 'devices', 'enrolment_codes', 'offices', 'audit_log', 'rate_limits'];

class SuiteHarness implements Harness {
  private opened: Db | undefined;
  private readonly apps: FastifyInstance[] = [];
  private readonly extraDbs: Db[] = [];
  readonly schema: string | undefined;

  constructor(readonly kind: DbKind) {
    this.schema = kind === 'postgres' ? `rw_it_${randomBytes(6).toString('hex')}` : undefined;
  }

  get db(): Db {
    if (!this.opened) throw new Error('the suite database is not open (use it inside tests or hooks)');
    return this.opened;
  }

  async open(): Promise<void> {
    this.opened =
      this.kind === 'pglite'
        ? await openPgliteDb()
        : await openPostgresDb({ connectionString: DATABASE_URL, schema: this.schema, maxConnections: 4 });
    await migrate(this.opened);
  }

  async close(): Promise<void> {
    for (const app of this.apps.splice(0)) await app.close();
    for (const db of this.extraDbs.splice(0)) await db.close();
    if (!this.opened) return;
    if (this.kind === 'postgres' && this.schema !== undefined) await this.opened.exec(`DROP SCHEMA ${this.schema} CASCADE`);
    await this.opened.close();
    this.opened = undefined;
  }

  async app(options: Partial<BuildServerOptions> = {}): Promise<FastifyInstance> {
    const app = await buildServer({ db: this.db, adminToken: ADMIN_TOKEN, ...options });
    this.apps.push(app);
    return app;
  }

  async reset(): Promise<void> {
    await this.db.exec(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY`);
  }

  async openAnother(): Promise<Db> {
    if (this.kind !== 'postgres') throw new Error('PGlite in memory has one connection only');
    const db = await openPostgresDb({ connectionString: DATABASE_URL, schema: this.schema, maxConnections: 2 });
    this.extraDbs.push(db);
    return db;
  }
}

/** Run `suite` once per database; tests inside use the harness it receives. */
export function describeEachDb(title: string, suite: (harness: Harness) => void): void {
  describe(`${title} [PGlite in memory]`, () => {
    const harness = new SuiteHarness('pglite');
    beforeAll(() => harness.open());
    afterAll(() => harness.close());
    suite(harness);
  });
  const pgTitle =
    DATABASE_URL === ''
      ? `${title} [PostgreSQL: skipped because DATABASE_URL is not set]`
      : `${title} [PostgreSQL]`;
  describe.skipIf(DATABASE_URL === '')(pgTitle, () => {
    const harness = new SuiteHarness('postgres');
    beforeAll(() => harness.open());
    afterAll(() => harness.close());
    suite(harness);
  });
}

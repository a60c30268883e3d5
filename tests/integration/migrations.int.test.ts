import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Db } from '../../server/db/db';
import { loadMigrations, migrate } from '../../server/db/migrate';
import { openConfiguredDb } from '../../server/db/open-db';
import { openPgliteDb } from '../../server/db/pglite-db';
import { openPostgresDb } from '../../server/db/postgres-db';
import { DataDirBusyError } from '../../server/db/data-dir-lock';
import { buildServer } from '../../server/app';
import { changeOf, enrolDevice, makeRecord, pushAccepted } from './helpers/fixtures';
import { ADMIN_TOKEN, DATABASE_URL, describeEachDb } from './helpers/test-db';

const tmpDirs: string[] = [];
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rw-migrations-'));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

describeEachDb('migrations', (h) => {
  /** New, empty databases of the suite's kind: `count` handles on one fresh schema for PostgreSQL. */
  const extraSchemas: string[] = [];
  async function freshDbs(count: number): Promise<Db[]> {
    if (h.kind === 'pglite') {
      // PGlite has a single connection: every "instance" shares it.
      const db = await openPgliteDb();
      return Array.from({ length: count }, () => db);
    }
    const schema = `${String(h.schema)}_${extraSchemas.length}`;
    extraSchemas.push(schema);
    const dbs: Db[] = [];
    // Opened one after another: concurrent CREATE SCHEMA IF NOT EXISTS can collide in PostgreSQL.
    for (let i = 0; i < count; i++) dbs.push(await openPostgresDb({ connectionString: DATABASE_URL, schema, maxConnections: 2 }));
    return dbs;
  }
  async function freshDb(): Promise<Db> {
    return (await freshDbs(1))[0] as Db;
  }
  afterAll(async () => {
    for (const schema of extraSchemas) await h.db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it('records applied migrations and applies nothing the second time', async () => {
    expect(await migrate(h.db)).toEqual([]);
    const rows = await h.db.query<{ version: unknown; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => [Number(r.version), r.name])).toEqual(loadMigrations().map((m) => [m.version, m.name]));
  });

  it('lets instances that start together migrate once between them', async () => {
    const dbs = await freshDbs(3);
    const applied = await Promise.all(dbs.map((d) => migrate(d)));
    expect(applied.flat()).toEqual(loadMigrations().map((m) => m.name));
    for (const d of new Set(dbs)) await d.close();
  });

  it('rolls back a failing migration completely', async () => {
    const dir = tmp();
    writeFileSync(join(dir, '001_first.sql'), 'CREATE TABLE first_table (id integer);');
    writeFileSync(join(dir, '002_broken.sql'), 'CREATE TABLE second_table (id integer); SELECT no_such_function();');
    const db = await freshDb();
    try {
      await expect(migrate(db, loadMigrations(dir))).rejects.toThrow(/no_such_function/);
      const tables = await db.query("SELECT table_name FROM information_schema.tables WHERE table_name IN ('first_table', 'second_table', 'schema_migrations') AND table_schema = current_schema()");
      expect(tables).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('refuses migration files out of sequence', () => {
    const dir = tmp();
    writeFileSync(join(dir, '001_a.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '003_c.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir)).toThrow(/out of sequence/);
  });

  it('restarts on the same data: migrations run again without error and data survives', async () => {
    const dataDir = tmp();
    const open = async (): Promise<Db> => {
      if (h.kind === 'pglite') return (await openConfiguredDb({ dataDir })).db;
      return h.openAnother();
    };
    const first = await open();
    await migrate(first);
    const app1 = await buildServer({ db: first, adminToken: ADMIN_TOKEN });
    const device = await enrolDevice(app1, 'BA-SAR');
    const record = makeRecord('BA-SAR');
    await pushAccepted(app1, device, [changeOf(record)]);
    await app1.close();
    if (h.kind === 'pglite') await first.close();

    const second = await open();
    expect(await migrate(second)).toEqual([]);
    const app2 = await buildServer({ db: second, adminToken: ADMIN_TOKEN });
    const me = await app2.inject({ method: 'GET', url: '/api/v1/me', headers: device.headers });
    expect(me.statusCode, me.body).toBe(200);
    const rows = await second.query<{ data: unknown }>('SELECT data FROM records WHERE id = $1', [record.id]);
    expect(rows[0]?.data).toEqual(record);
    await app2.close();
    if (h.kind === 'pglite') await second.close();
  });

  it('gives devices and codes from before user names an empty name (003), so that the server refuses their pushes until they enrol again', async () => {
    const db = await freshDb();
    const all = loadMigrations();
    await migrate(db, all.filter((m) => m.version < 3));
    await db.query("INSERT INTO offices (code, mission) VALUES ('RS-BEL', 'RS')");
    await db.query("INSERT INTO devices (id, office, name, token_hash, role) VALUES ('dev_old', 'RS-BEL', 'old laptop', 'hash-old', 'supervisor')");
    await db.query("INSERT INTO enrolment_codes (code_hash, office, expires_at) VALUES ('code-old', 'RS-BEL', now() + interval '1 day')");
    expect(await migrate(db, all)).toEqual(all.filter((m) => m.version >= 3).map((m) => m.name));
    const devices = await db.query('SELECT user_name, role, pending_changes, last_sync_at FROM devices');
    expect(devices).toEqual([{ user_name: '', role: 'supervisor', pending_changes: null, last_sync_at: null }]);
    expect(await db.query('SELECT user_name FROM enrolment_codes')).toEqual([{ user_name: '' }]);
    await db.close();
  });

  it('binds the local ids of records pushed before 006 to the device whose change created each record (earliest first), passing over json with U+0000', async () => {
    const db = await freshDb();
    const all = loadMigrations();
    await migrate(db, all.filter((m) => m.version < 6));
    await db.query("INSERT INTO offices (code, mission) VALUES ('RS-BEL', 'RS')");
    for (const id of ['dev_ana', 'dev_ana_again', 'dev_sup', 'dev_nul']) {
      await db.query("INSERT INTO devices (id, office, name, token_hash, user_name) VALUES ($1, 'RS-BEL', $1, $2, 'x')", [id, `hash-${id}`]);
    }
    const feed = async (recordId: string, deviceId: string, data: string) => {
      await db.query("INSERT INTO changes (change_id, record_id, office, device_id, hlc, data) VALUES (gen_random_uuid(), $1, 'RS-BEL', $2, 'h', $3::json)", [recordId, deviceId, data]);
    };
    // r1 created by dev_ana, then edited by the supervisor and merged by the server.
    await feed('r1', 'dev_ana', '{"device":"local_ana"}');
    await feed('r1', 'dev_sup', '{"device":"local_ana"}');
    await feed('r1', 'server:merge', '{"device":"local_ana"}');
    // A later record of the same laptop after re-enrolment: the earliest binding stands.
    await feed('r2', 'dev_ana_again', '{"device":"local_ana"}');
    // A record the server merged before its creator's row is read (impossible today, but
    // a merge row is nobody's record).
    await feed('r3', 'server:merge', '{"device":"local_ghost"}');
    await feed('r4', 'dev_nul', '{"device":"local_nul","summary":"a\\u0000b"}');
    expect(await migrate(db, all)).toEqual(all.filter((m) => m.version >= 6).map((m) => m.name));
    expect(await db.query('SELECT local_id, device_id FROM record_devices ORDER BY local_id')).toEqual([{ local_id: 'local_ana', device_id: 'dev_ana' }]);
    await db.close();
  });

  // PGlite only (one opener per data folder): on PostgreSQL it is not registered, not skipped.
  if (h.kind === 'pglite') {
    it('locks a PGlite data folder to one opener at a time', async () => {
      const dataDir = tmp();
      const { db } = await openConfiguredDb({ dataDir });
      try {
        await expect(openConfiguredDb({ dataDir })).rejects.toBeInstanceOf(DataDirBusyError);
      } finally {
        await db.close();
      }
      // A lock left by a process that no longer exists is taken over.
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(join(dataDir, 'routewatch.pid'), '999999999\n');
      const reopened = await openConfiguredDb({ dataDir });
      await reopened.db.close();
    });
  }
});

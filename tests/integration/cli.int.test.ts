import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enrolResponseSchema } from '../../shared/sync/protocol';
import { deviceListSchema } from '../../server/api/admin-schemas';
import { runCli, startServer } from './helpers/cli-process';
import type { RunningServer } from './helpers/cli-process';
import { DATABASE_URL, describeEachDb } from './helpers/test-db';

const CODE_LINE = /^Enrolment code for ([A-Z]{2}-[A-Z0-9]+): ([A-Z0-9]{4}(?:-[A-Z0-9]{4}){3}) \(valid until (\S+)\)$/m;

describeEachDb('server CLI', (h) => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let server: RunningServer | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rw-cli-'));
    env = { ...process.env };
    delete env.DATABASE_URL;
    delete env.ROUTEWATCH_ADMIN_TOKEN;
    delete env.ROUTEWATCH_DATA_DIR;
    if (h.kind === 'postgres') {
      // The child works in this suite's schema (already migrated, dropped after the suite).
      const separator = DATABASE_URL.includes('?') ? '&' : '?';
      env.DATABASE_URL = `${DATABASE_URL}${separator}options=${encodeURIComponent(`-c search_path=${String(h.schema)}`)}`;
    }
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function enrolThroughApi(url: string, code: string) {
    const res = await fetch(`${url}/api/v1/enrolments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName: 'CLI test device' }),
    });
    expect(res.status).toBe(201);
    return enrolResponseSchema.parse(await res.json());
  }

  it('serve starts on a free port, says where, and keeps the admin token private', async () => {
    server = await startServer(['--port', '0', '--data-dir', dataDir], env);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.stdoutLines[1]).toBe(h.kind === 'pglite' ? `Database: PGlite in ${dataDir}` : 'Database: PostgreSQL (DATABASE_URL)');
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect(statSync(join(dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
  });

  it('enroll issues a code through the running server; devices and revoke work through it too', async () => {
    const url = server?.url ?? '';
    const enrolled = await runCli(['enroll', '--office', 'RS-BEL', '--server', url, '--data-dir', dataDir], env);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    const match = CODE_LINE.exec(enrolled.stdout);
    expect(match?.[1]).toBe('RS-BEL');
    expect(Date.parse(match?.[3] ?? '') - Date.now()).toBeGreaterThan(71 * 3_600_000);
    const device = await enrolThroughApi(url, match?.[2] ?? '');

    const listed = await runCli(['devices', '--json', '--server', url, '--data-dir', dataDir], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(deviceListSchema.parse(JSON.parse(listed.stdout)).devices.map((d) => d.deviceId)).toContain(device.deviceId);
    const table = await runCli(['devices', '--server', url, '--data-dir', dataDir], env);
    expect(table.stdout).toContain(device.deviceId);

    const revoked = await runCli(['revoke', '--device', device.deviceId, '--server', url, '--data-dir', dataDir], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`Device ${device.deviceId}`);
    const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${device.token}` } });
    expect(me.status).toBe(401);
    expect(await me.json()).toMatchObject({ error: { code: 'device_revoked' } });

    const unknown = await runCli(['revoke', '--device', 'dev_nobody', '--server', url, '--data-dir', dataDir], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no device dev_nobody');
  });

  it('answers bad command lines with a usage message and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['enroll', '--office', 'rs-bel', '--direct'], /--office "rs-bel" is not an office code: it must look like RS-BEL/],
      [['enroll', '--direct'], /enroll needs --office/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['serve', '--port', 'eighty'], /--port must be a whole number/],
      [['devices', '--bogus'], /Unknown option '--bogus'/],
      [['enroll', '--office', 'RS-BEL', '--ttl-hours', '0', '--direct'], /--ttl-hours must be a whole number from 1/],
      [['revoke', '--device', "x' OR 1=1", '--direct'], /is not a device id/],
      [['enroll', '--office', 'RS-BEL', '--server', 'ftp://x', '--direct'], /--server/],
    ];
    for (const [args, message] of cases) {
      const res = await runCli(args, env);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toMatch(message);
      expect(res.stderr).toContain('Usage: npm run server --');
    }
  });

  it('says so when --server names a server that does not answer', async () => {
    const res = await runCli(['enroll', '--office', 'RS-BEL', '--server', 'http://127.0.0.1:9', '--data-dir', dataDir], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('no Routewatch server answers at http://127.0.0.1:9');
  });

  it.skipIf(h.kind !== 'pglite')('refuses a second server on the same PGlite data folder', async () => {
    const res = await runCli(['serve', '--port', '0', '--data-dir', dataDir], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/data folder .* is in use by another process/);
    const direct = await runCli(['enroll', '--office', 'RS-BEL', '--direct', '--data-dir', dataDir], env);
    expect(direct.code).toBe(1);
    expect(direct.stderr).toMatch(/in use/);
  });

  it('stops cleanly on SIGTERM, then enroll writes to the database directly', async () => {
    const stopped = await server?.stop('SIGTERM');
    server = undefined;
    expect(stopped?.code, stopped?.stderr).toBe(0);
    expect(stopped?.stdout).toContain('Routewatch server stopping (SIGTERM)');
    expect(existsSync(join(dataDir, 'routewatch.pid'))).toBe(false);

    const res = await runCli(['enroll', '--office', 'MK-SKO', '--ttl-hours', '5', '--direct', '--data-dir', dataDir], env);
    expect(res.code, res.stderr).toBe(0);
    const match = CODE_LINE.exec(res.stdout);
    expect(match?.[1]).toBe('MK-SKO');

    // The code written directly works once the server runs again, on the same data.
    server = await startServer(['--port', '0', '--data-dir', dataDir], env);
    const device = await enrolThroughApi(server.url, match?.[2] ?? '');
    expect(device.office).toBe('MK-SKO');
    const stoppedAgain = await server.stop('SIGINT');
    server = undefined;
    expect(stoppedAgain.code).toBe(0);
  });
});

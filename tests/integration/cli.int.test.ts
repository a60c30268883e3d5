import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enrolResponseSchema } from '../../shared/sync/protocol';
import { deviceListSchema, officeListSchema } from '../../server/api/admin-schemas';
import { enrolmentQrPayloadSchema } from '../../server/qr/enrolment-qr';
import { decodeQrMatrix, matrixOfTerminalQr, terminalQrOf } from './admin-qr-decode';
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
    const adminPage = await fetch(`${server.url}/admin`);
    expect(adminPage.headers.get('content-type')).toMatch(/^text\/html/);
    // Written right after the "Admin token" line, before the server answered the fetch above.
    expect(server.stdoutLines).toContain(`Admin page: ${server.url}/admin`);
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect(statSync(join(dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
  });

  it('office create and office list work through the running server; an office created twice is a clear error', async () => {
    const url = server?.url ?? '';
    const created = await runCli(['office', 'create', '--code', 'RS-BEL', '--mission', 'RS', '--name', 'Belgrade', '--server', url, '--data-dir', dataDir], env);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout.trim()).toBe('Office RS-BEL (Belgrade) created in mission RS');
    const twice = await runCli(['office', 'create', '--code', 'RS-BEL', '--mission', 'RS', '--name', 'Beograd', '--server', url, '--data-dir', dataDir], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr.trim()).toBe('Error: The office RS-BEL ("Belgrade") already exists.');
    const sameName = await runCli(['office', 'create', '--code', 'RS-BG', '--mission', 'RS', '--name', 'belgrade', '--server', url, '--data-dir', dataDir], env);
    expect(sameName.code).toBe(1);
    expect(sameName.stderr).toContain('already has an office named "Belgrade": RS-BEL');

    const table = await runCli(['office', 'list', '--server', url, '--data-dir', dataDir], env);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^OFFICE\s+MISSION\s+DEVICES\s+CREATED\s+NAME$/);
    expect(table.stdout).toMatch(/^RS-BEL\s+RS\s+0\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+Belgrade$/m);
    const json = await runCli(['office', 'list', '--json', '--server', url, '--data-dir', dataDir], env);
    expect(officeListSchema.parse(JSON.parse(json.stdout)).offices.map((o) => [o.code, o.name])).toEqual([['RS-BEL', 'Belgrade']]);
  });

  it('enroll issues a code and its QR code for a named user; devices, rotate and revoke work through the server too', async () => {
    const url = server?.url ?? '';
    const unknownOffice = await runCli(['enroll', '--office', 'RS-NIS', '--name', 'Ana', '--server', url, '--data-dir', dataDir], env);
    expect(unknownOffice.code).toBe(1);
    expect(unknownOffice.stderr).toContain('There is no office RS-NIS: create it first (office create --code RS-NIS --mission RS --name ...)');

    const enrolled = await runCli(
      ['enroll', '--office', 'RS-BEL', '--role', 'supervisor', '--name', 'Ana Petrović', '--public-url', 'https://hq.example.org', '--server', url, '--data-dir', dataDir],
      env,
    );
    expect(enrolled.code, enrolled.stderr).toBe(0);
    const match = CODE_LINE.exec(enrolled.stdout);
    expect(match?.[1]).toBe('RS-BEL');
    expect(enrolled.stdout).toContain('User: Ana Petrović (supervisor, RS-BEL)');
    expect(Date.parse(match?.[3] ?? '') - Date.now()).toBeGreaterThan(71 * 3_600_000);
    const decoded = decodeQrMatrix(matrixOfTerminalQr(terminalQrOf(enrolled.stdout)));
    expect(enrolmentQrPayloadSchema.parse(JSON.parse(decoded ?? 'null'))).toEqual({ routewatch: 'enrol', v: 1, server: 'https://hq.example.org', code: match?.[2] });
    expect(enrolled.stderr).not.toContain('only this machine reaches');
    const device = await enrolThroughApi(url, match?.[2] ?? '');
    expect(device).toMatchObject({ role: 'supervisor', userName: 'Ana Petrović' });

    // Without --public-url the QR code names the server the CLI talked to, and says it is loopback.
    const local = await runCli(['enroll', '--office', 'RS-BEL', '--name', 'Miloš', '--json', '--server', url, '--data-dir', dataDir], env);
    expect(local.code, local.stderr).toBe(0);
    const localJson = JSON.parse(local.stdout) as { code: string; qr: { text: string } };
    expect(JSON.parse(localJson.qr.text)).toEqual({ routewatch: 'enrol', v: 1, server: url, code: localJson.code });

    const listed = await runCli(['devices', '--json', '--server', url, '--data-dir', dataDir], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(deviceListSchema.parse(JSON.parse(listed.stdout)).devices).toEqual([
      expect.objectContaining({ deviceId: device.deviceId, userName: 'Ana Petrović', office: 'RS-BEL', role: 'supervisor', revokedAt: null }),
    ]);
    const table = await runCli(['devices', '--server', url, '--data-dir', dataDir], env);
    const [header, row] = table.stdout.split('\n');
    expect(header).toMatch(/^DEVICE\s+USER\s+OFFICE\s+ROLE\s+LAST SYNC\s+LAST SEEN\s+PENDING\s+STATUS\s+DEVICE NAME$/);
    expect(row).toMatch(new RegExp(`^${device.deviceId}\\s+Ana Petrović\\s+RS-BEL\\s+supervisor\\s+.+\\s+active\\s+"CLI test device"$`));

    // Rotation: the old token stops working at once; the code re-enrols the same device.
    const rotated = await runCli(['rotate', '--device', device.deviceId, '--public-url', 'https://hq.example.org', '--server', url, '--data-dir', dataDir], env);
    expect(rotated.code, rotated.stderr).toBe(0);
    const rotationCode = CODE_LINE.exec(rotated.stdout)?.[2] ?? '';
    expect(rotated.stdout).toContain(`Re-enrols device ${device.deviceId} of Ana Petrović (supervisor, RS-BEL)`);
    expect(rotated.stderr).toContain(`The token of device ${device.deviceId} no longer works`);
    expect(JSON.parse(decodeQrMatrix(matrixOfTerminalQr(terminalQrOf(rotated.stdout))) ?? 'null')).toMatchObject({ code: rotationCode });
    const old = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${device.token}` } });
    expect(old.status).toBe(401);
    const reEnrolled = await enrolThroughApi(url, rotationCode);
    expect(reEnrolled.deviceId).toBe(device.deviceId);

    const revoked = await runCli(['revoke', '--device', device.deviceId, '--server', url, '--data-dir', dataDir], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`^Device ${device.deviceId} \\(Ana Petrović, CLI test device, RS-BEL\\) revoked at \\S+$`, 'm'));
    const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${reEnrolled.token}` } });
    expect(me.status).toBe(401);
    expect(await me.json()).toMatchObject({ error: { code: 'device_revoked' } });
    const twice = await runCli(['revoke', '--device', device.deviceId, '--server', url, '--data-dir', dataDir], env);
    expect(twice.code, twice.stderr).toBe(0);
    expect(twice.stdout).toContain('was already revoked at');
    const rotateRevoked = await runCli(['rotate', '--device', device.deviceId, '--server', url, '--data-dir', dataDir], env);
    expect(rotateRevoked.code).toBe(1);
    expect(rotateRevoked.stderr).toContain('revocation is final');

    const unknown = await runCli(['revoke', '--device', 'dev_nobody', '--server', url, '--data-dir', dataDir], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no device dev_nobody');
    const unknownRotate = await runCli(['rotate', '--device', 'dev_nobody', '--server', url, '--data-dir', dataDir], env);
    expect(unknownRotate.code).toBe(1);
    expect(unknownRotate.stderr).toContain('There is no device dev_nobody.');
  });

  it('answers bad command lines with a usage message and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['enroll', '--office', 'rs-bel', '--name', 'Ana', '--direct'], /--office "rs-bel" is not an office code: it must look like RS-BEL/],
      [['enroll', '--office', 'RS-BEL', '--direct'], /enroll needs --name/],
      [['office', 'create', '--code', 'RS-BEL', '--mission', 'MK', '--name', 'Belgrade', '--direct'], /is not an office of mission MK/],
      [['enroll', '--direct'], /enroll needs --office/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['serve', '--port', 'eighty'], /--port must be a whole number/],
      [['devices', '--bogus'], /Unknown option '--bogus'/],
      [['enroll', '--office', 'RS-BEL', '--name', 'Ana', '--ttl-hours', '0', '--direct'], /--ttl-hours must be a whole number from 1/],
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
    const res = await runCli(['enroll', '--office', 'RS-BEL', '--name', 'Ana', '--server', 'http://127.0.0.1:9', '--data-dir', dataDir], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('no Routewatch server answers at http://127.0.0.1:9');
  });

  // PGlite only (one process per data folder): on PostgreSQL it is not registered, not skipped.
  if (h.kind === 'pglite') {
    it('refuses a second server on the same PGlite data folder', async () => {
      const res = await runCli(['serve', '--port', '0', '--data-dir', dataDir], env);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/data folder .* is in use by another process/);
      const direct = await runCli(['enroll', '--office', 'RS-BEL', '--name', 'Ana', '--direct', '--data-dir', dataDir], env);
      expect(direct.code).toBe(1);
      expect(direct.stderr).toMatch(/in use/);
    });
  }

  it('stops cleanly on SIGTERM, then office create and enroll write to the database directly', async () => {
    const stopped = await server?.stop('SIGTERM');
    server = undefined;
    expect(stopped?.code, stopped?.stderr).toBe(0);
    expect(stopped?.stdout).toContain('Routewatch server stopping (SIGTERM)');
    expect(existsSync(join(dataDir, 'routewatch.pid'))).toBe(false);

    const office = await runCli(['office', 'create', '--code', 'MK-SKO', '--mission', 'MK', '--name', 'Skopje', '--direct', '--data-dir', dataDir], env);
    expect(office.code, office.stderr).toBe(0);
    const res = await runCli(['enroll', '--office', 'MK-SKO', '--name', 'Elena', '--ttl-hours', '5', '--direct', '--data-dir', dataDir], env);
    expect(res.code, res.stderr).toBe(0);
    const match = CODE_LINE.exec(res.stdout);
    expect(match?.[1]).toBe('MK-SKO');
    // No server was asked: the QR code names the default address, and the CLI says devices cannot reach it.
    expect(res.stderr).toContain('Note: the QR code names http://127.0.0.1:8787, which only this machine reaches: pass --public-url');

    // The code written directly works once the server runs again, on the same data.
    server = await startServer(['--port', '0', '--data-dir', dataDir], env);
    const device = await enrolThroughApi(server.url, match?.[2] ?? '');
    expect(device.office).toBe('MK-SKO');
    const stoppedAgain = await server.stop('SIGINT');
    server = undefined;
    expect(stoppedAgain.code).toBe(0);
  });
});

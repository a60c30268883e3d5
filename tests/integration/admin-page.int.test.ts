/**
 * The admin page in Chromium against the real server (in-process, on a loopback port):
 * sign-in with the admin token kept in memory only, offices and devices listed with
 * hostile names shown as text, a code issued with a QR code that decodes to the server
 * address and the code, a device revoked only after confirming.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enrolResponseSchema } from '../../shared/sync/protocol';
import { contentSecurityPolicy } from '../../shared/security/content-security-policy';
import { createCodeResponseSchema, deviceListSchema } from '../../server/api/admin-schemas';
import { enrolmentQrPayloadSchema } from '../../server/qr/enrolment-qr';
import { decodeQrMatrix } from './admin-qr-decode';
import { ADMIN_TOKEN, describeEachDb } from './helpers/test-db';
import { adminHeaders } from './helpers/fixtures';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const HOSTILE_DEVICE_NAME = '<img src=x onerror="window.pwned=1">laptop';
const HOSTILE_USER = '<script>window.pwned=2</script> Miloš';

describeEachDb('admin page in Chromium', (h) => {
  let app: FastifyInstance;
  let url: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let anaId = '';
  let milosToken = '';

  async function api(method: 'GET' | 'POST', path: string, payload?: unknown) {
    const res = await app.inject({ method, url: `/api/v1/admin/${path}`, headers: adminHeaders, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json<unknown>();
  }

  async function enrol(code: string, deviceName: string) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code, deviceName }, remoteAddress: `10.88.0.${Math.floor(Math.random() * 250)}` });
    expect(res.statusCode, res.body).toBe(201);
    return enrolResponseSchema.parse(res.json());
  }

  beforeAll(async () => {
    app = await h.app();
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await api('POST', 'offices', { code: 'RS-BEL', mission: 'RS', name: 'Belgrade' });
    await api('POST', 'offices', { code: 'MK-SKO', mission: 'MK', name: 'Skopje' });
    const ana = await enrol(createCodeResponseSchema.parse(await api('POST', 'enrolment-codes', { office: 'RS-BEL', userName: 'Ana Petrović', role: 'supervisor' })).code, 'Ana laptop');
    anaId = ana.deviceId;
    await h.db.query("UPDATE devices SET pending_changes = 5, last_sync_at = now() WHERE id = $1", [ana.deviceId]);
    milosToken = (await enrol(createCodeResponseSchema.parse(await api('POST', 'enrolment-codes', { office: 'MK-SKO', userName: HOSTILE_USER })).code, HOSTILE_DEVICE_NAME)).token;

    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  });
  afterAll(async () => {
    await browser.close();
  });

  it('is served with the Content-Security-Policy, its script as a file, and loads without errors', async () => {
    const response = await page.goto(`${url}/admin`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy());
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    expect(await page.locator('script:not([src])').count()).toBe(0);
    const script = await fetch(`${url}/admin/admin-page.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).not.toMatch(/:\s*HTMLElement\b|interface /); // types stripped
    expect(await page.locator('#console').isHidden()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('refuses a wrong token and keeps the console hidden', async () => {
    await page.fill('#token', 'not-the-admin-token');
    await page.click('#sign-in-form button[type=submit]');
    await page.locator('#sign-in-status', { hasText: 'refused' }).waitFor();
    expect(await page.locator('#console').isHidden()).toBe(true);
    problems.splice(0); // the 401 itself is logged by Chromium as a failed resource
  });

  it('lists offices and devices once signed in, every value as text, and keeps the token out of storage and the URL', async () => {
    await page.fill('#token', ADMIN_TOKEN);
    await page.click('#sign-in-form button[type=submit]');
    await page.locator('#devices tbody tr').nth(1).waitFor();
    expect(await page.locator('#offices tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^MK-SKO\tMK\tSkopje\t1\t\d{4}-\d\d-\d\d \d\d:\d\d$/),
      expect.stringMatching(/^RS-BEL\tRS\tBelgrade\t1\t/),
    ]);
    const anaRow = page.locator(`#devices tbody tr[data-device-id="${anaId}"]`);
    const cells = await anaRow.locator('td').allInnerTexts();
    expect(cells.slice(1, 9)).toEqual(['Ana Petrović', 'RS-BEL', 'supervisor', expect.stringMatching(/^\d{4}-/), expect.any(String), '5', 'active', 'Ana laptop']);
    const hostileRow = page.locator('#devices tbody tr', { hasText: 'Miloš' });
    expect(await hostileRow.locator('td').nth(1).textContent()).toBe(HOSTILE_USER);
    expect(await hostileRow.locator('td').nth(8).textContent()).toBe(HOSTILE_DEVICE_NAME);
    expect(await page.locator('#devices img, #devices script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([0, 0, '']);
    expect(page.url()).toBe(`${url}/admin`);
    expect(await page.inputValue('#token')).toBe('');
    expect(problems).toEqual([]);
  });

  it('issues an enrolment code whose QR image decodes to the server address and the code', async () => {
    await page.selectOption('#code-form [name=office]', 'RS-BEL');
    await page.fill('#code-form [name=userName]', 'Jelena Marković');
    await page.selectOption('#code-form [name=role]', 'field_monitor');
    expect(await page.inputValue('#code-form [name=serverUrl]')).toBe(url);
    await page.fill('#code-form [name=serverUrl]', 'https://hq.example.org');
    await page.click('#code-form button[type=submit]');
    await page.locator('#code-result').waitFor();
    const code = (await page.textContent('#code-text')) ?? '';
    expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    expect(await page.textContent('#code-for')).toBe('For Jelena Marković, field_monitor of RS-BEL');

    // Read the image as a camera would: its pixels, through a canvas, to jsQR.
    await page.waitForFunction(() => {
      const img = document.getElementById('code-qr');
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
    });
    const pixels = await page.evaluate(() => {
      const img = document.getElementById('code-qr') as HTMLImageElement;
      const size = 400;
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const context = canvas.getContext('2d');
      if (context === null) return [];
      context.drawImage(img, 0, 0, size, size);
      const data = context.getImageData(0, 0, size, size).data;
      const dark: boolean[][] = [];
      for (let y = 0; y < size; y++) dark.push(Array.from({ length: size }, (_, x) => (data[(y * size + x) * 4] ?? 255) < 128));
      return dark;
    });
    const decoded = decodeQrMatrix(pixels, 1);
    expect(enrolmentQrPayloadSchema.parse(JSON.parse(decoded ?? 'null'))).toEqual({ routewatch: 'enrol', v: 1, server: 'https://hq.example.org', code });
    expect(await page.textContent('#code-payload')).toBe(decoded);

    // The code is real: a device enrols with it as Jelena.
    expect(await enrol(code, 'Jelena laptop')).toMatchObject({ office: 'RS-BEL', userName: 'Jelena Marković', role: 'field_monitor' });
    mkdirSync('test-results/screens', { recursive: true });
    await page.screenshot({ path: `test-results/screens/admin-page-${h.kind}.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it('revokes a device only after the confirmation', async () => {
    const revokeButton = page.locator(`#devices tbody tr[data-device-id="${anaId}"] button.danger`);
    await revokeButton.click();
    await page.locator('#confirm[open]').waitFor();
    expect(await page.textContent('#confirm-text')).toContain(`Device ${anaId} (Ana Petrović, Ana laptop, RS-BEL) stops syncing at once`);
    await page.click('#confirm-cancel');
    await page.locator('#confirm').waitFor({ state: 'hidden' });
    const stillActive = deviceListSchema.parse(await api('GET', 'devices')).devices.find((d) => d.deviceId === anaId);
    expect(stillActive?.revokedAt).toBeNull();

    await revokeButton.click();
    await page.locator('#confirm[open]').waitFor();
    await page.click('#confirm-ok');
    await page.locator('#devices-status', { hasText: `Device ${anaId} revoked.` }).waitFor();
    await page.locator(`#devices tbody tr.revoked[data-device-id="${anaId}"]`).waitFor();
    expect(await page.locator(`#devices tbody tr[data-device-id="${anaId}"] button`).count()).toBe(0);
    const revoked = deviceListSchema.parse(await api('GET', 'devices')).devices.find((d) => d.deviceId === anaId);
    expect(revoked?.revokedAt).not.toBeNull();
    const audit = await h.db.query<{ action: string }>("SELECT action FROM audit_log WHERE action = 'device.revoked'");
    expect(audit).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('creates an office, and shows the server\'s reason when it exists already', async () => {
    await page.selectOption('#office-form [name=mission]', 'BA');
    await page.fill('#office-form [name=code]', 'ba-sar');
    await page.fill('#office-form [name=name]', 'Sarajevo');
    await page.click('#office-form button[type=submit]');
    await page.locator('#office-status', { hasText: 'Office BA-SAR (Sarajevo) created.' }).waitFor();
    await page.locator('#offices tbody tr', { hasText: 'BA-SAR' }).waitFor();
    expect(await page.locator('#code-form [name=office] option[value="BA-SAR"]').count()).toBe(1);

    await page.selectOption('#office-form [name=mission]', 'BA');
    await page.fill('#office-form [name=code]', 'BA-SAR');
    await page.fill('#office-form [name=name]', 'Sarajevo 2');
    await page.click('#office-form button[type=submit]');
    await page.locator('#office-status.error', { hasText: 'The office BA-SAR ("Sarajevo") already exists.' }).waitFor();
    problems.splice(0); // the 409 itself is logged by Chromium as a failed resource
  });

  it('gives a device a new token after the confirmation: the old token is refused and the code re-enrols it', async () => {
    const row = page.locator('#devices tbody tr', { hasText: 'Miloš' });
    const deviceId = (await row.getAttribute('data-device-id')) ?? '';
    await row.locator('button', { hasText: 'New token' }).click();
    await page.locator('#confirm[open]').waitFor();
    expect(await page.textContent('#confirm-title')).toBe('Give this device a new token?');
    await page.click('#confirm-ok');
    await page.locator('#code-heading', { hasText: `Code to re-enrol device ${deviceId}` }).waitFor();
    const code = (await page.textContent('#code-text')) ?? '';
    const old = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${milosToken}` } });
    expect(old.statusCode).toBe(401);
    expect((await enrol(code, 'Miloš new laptop')).deviceId).toBe(deviceId);
    expect(problems).toEqual([]);
  });

  it('forgets the token on sign-out', async () => {
    await page.click('#sign-out');
    await page.locator('#sign-in').waitFor();
    expect(await page.locator('#console').isHidden()).toBe(true);
    expect(await page.textContent('#code-text')).toBe('');
  });
});

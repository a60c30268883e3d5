import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { expect, test } from '@playwright/test';
import type { AtRestApi } from '../../test-support/renderer/at-rest-page';

declare const window: Window & { atRest: AtRestApi };

/**
 * Encryption at rest, checked in real Chromium: 500 records with canary strings in every
 * sensitive field, edits of them that change those fields (revisions), drafts, the
 * enrolment token, refused changes and issued reports, written through the store; then every row of
 * every table read through a plain IndexedDB connection (not our store) and searched for
 * the canaries. Then one ciphertext byte changed: the store reports the record's
 * protected fields as unreadable and shows none of them.
 *
 * The page is test-support/renderer/at-rest-page.ts, bundled here and served on loopback,
 * so the test does not depend on the app's boot (which unlocks the key first).
 */
const CANARY = 'ZQXCANARY7';
const INDICATOR = 'iom_forced_work';
const RECORDS = 500;

let server: Server;
let url = '';

test.beforeAll(async () => {
  const bundle = await build({ entryPoints: ['test-support/renderer/at-rest-page.ts'], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'silent' });
  const script = bundle.outputFiles[0]?.text ?? '';
  server = createServer((request, response) => {
    if (request.url === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(script);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><html><head><meta charset="utf-8"><title>at rest</title></head><body><script src="/page.js"></script></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Every row of every object store of the database, through the plain IndexedDB API, with the canaries counted in it. */
function rawScan(args: { database: string; canaries: string[] }): Promise<{ stores: number; rows: number; found: number; perStore: Record<string, number> }> {
  const utf8 = new TextDecoder('utf-8');
  const latin1 = new TextDecoder('latin1');
  const count = (value: unknown): number => {
    let n = 0;
    const text = (t: string) => {
      for (const canary of args.canaries) for (let at = t.indexOf(canary); at !== -1; at = t.indexOf(canary, at + 1)) n += 1;
    };
    const walk = (v: unknown): void => {
      if (typeof v === 'string') text(v);
      else if (v instanceof ArrayBuffer) walk(new Uint8Array(v));
      else if (ArrayBuffer.isView(v)) {
        const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        text(utf8.decode(bytes));
        text(latin1.decode(bytes));
      } else if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') {
        for (const [key, inner] of Object.entries(v)) {
          text(key);
          walk(inner);
        }
      }
    };
    walk(value);
    return n;
  };
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(args.database);
    open.onerror = () => reject(open.error ?? new Error('open failed'));
    open.onsuccess = () => {
      const db = open.result;
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names, 'readonly');
      const perStore: Record<string, number> = {};
      let rows = 0;
      let found = 0;
      for (const name of names) {
        const all = tx.objectStore(name).getAll();
        all.onsuccess = () => {
          const values = all.result as unknown[];
          rows += values.length;
          perStore[name] = values.length;
          found += count(values);
        };
      }
      tx.oncomplete = () => {
        db.close();
        resolve({ stores: names.length, rows, found, perStore });
      };
      tx.onerror = () => reject(tx.error ?? new Error('read failed'));
    };
  });
}

test('no canary of 500 records, their revisions, drafts, refused changes, issued reports and token is readable in IndexedDB; a changed byte is reported, never shown', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(url);
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
  const written = await page.evaluate((canary) => window.atRest.fill(500, 200, 50, canary), CANARY);
  expect(written).toEqual({ records: RECORDS, edits: 200, drafts: 50, refused: 20, reports: 3 });

  const scan = await page.evaluate(rawScan, { database: 'at-rest-canary', canaries: [CANARY, INDICATOR] });
  console.log(`at rest in Chromium: ${String(written.records)} records, ${String(written.edits)} edits, ${String(written.drafts)} drafts, ${String(written.refused)} refused changes, ${String(written.reports)} issued reports; ${String(scan.rows)} rows scanned in ${String(scan.stores)} object stores (${JSON.stringify(scan.perStore)}); canaries found ${String(scan.found)}`);
  expect(scan.perStore.observations).toBe(RECORDS);
  expect(scan.perStore.revisions).toBe(200);
  expect(scan.perStore.drafts).toBe(50);
  expect(scan.perStore.attention).toBe(20);
  expect(scan.perStore.issuedReports).toBe(3);
  expect(scan.perStore.issuedReportDocuments).toBe(3);
  expect(scan.found).toBe(0);
  // The scan finds what is there: summaries are not sensitive and stay in the clear (records and refused copies).
  expect((await page.evaluate(rawScan, { database: 'at-rest-canary', canaries: ['Group seen near the crossing'] })).found).toBe(RECORDS + written.refused);

  // Change one byte of one record's ciphertext, through the plain API.
  const [id = '', untouched = ''] = await page.evaluate(
    (database) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open(database);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('observations', 'readwrite');
          const os = tx.objectStore('observations');
          const cursor = os.openCursor();
          const keys: string[] = [];
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return;
            const row = c.value as { id: string; sealed: Uint8Array };
            keys.push(row.id);
            if (keys.length > 1) return;
            const sealed = row.sealed.slice();
            sealed[sealed.length - 3] = (sealed[sealed.length - 3] ?? 0) ^ 0x10;
            c.update({ ...row, sealed });
            c.continue();
          };
          tx.oncomplete = () => {
            db.close();
            resolve(keys);
          };
          tx.onerror = () => reject(tx.error ?? new Error('write failed'));
        };
      }),
    'at-rest-canary',
  );
  const damaged = await page.evaluate((recordId) => window.atRest.read(recordId), id);
  console.log(`tampered record ${id}: found ${String(damaged.found)}, protected fields unreadable ${String(damaged.unreadable)}, canaries shown ${String(damaged.json.split(CANARY).length - 1)}`);
  expect(damaged.found).toBe(true);
  expect(damaged.unreadable).toBe(true);
  expect(damaged.notes).toBeUndefined();
  expect(damaged.sourceName).toBeUndefined();
  expect(damaged.indicators).toBeUndefined();
  expect(damaged.json).not.toContain(CANARY);
  expect(damaged.summary).toMatch(/^Group seen/);
  // The record next to it still reads whole.
  const whole = await page.evaluate((recordId) => window.atRest.read(recordId), untouched);
  expect(whole.unreadable).toBe(false);
  expect(whole.notes).toMatch(new RegExp(`^${CANARY}-notes-`));
});

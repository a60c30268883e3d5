/**
 * Electronegativity (Doyensec's Electron security scanner) over the built app: main and
 * preload (dist-electron) and the renderer (dist/renderer), offline. The tool lives in its
 * own folder (tools/electronegativity: it pulls eslint 7 and TypeScript 4.2, which must not
 * meet ours) and is installed here from its lock file when missing.
 *
 * Passes when there is no HIGH or MEDIUM finding outside tools/electronegativity/allowlist.json,
 * where each accepted finding says why, and no allowlist entry is stale. Prints the counts.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const toolDir = path.join(root, 'tools', 'electronegativity');
const builtMain = path.join(root, 'dist-electron', 'main.js');
const builtRenderer = path.join(root, 'dist', 'renderer', 'index.html');

interface Finding {
  readonly id: string;
  readonly severity: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';
  readonly confidence: string;
  readonly file: string;
  readonly line: number | null;
  readonly sample: string | null;
  readonly description: string;
}
interface ScanResult {
  readonly checks: { global: number; atomic: number };
  readonly errors: readonly { file: string; message: string; tolerable: boolean }[];
  readonly excluded: readonly string[];
  readonly findings: readonly Finding[];
}
interface AllowEntry {
  readonly id: string;
  readonly file: string;
  readonly samplePattern?: string;
  readonly count?: number;
  readonly why: string;
}

let stage = '';
let scan: ScanResult;

beforeAll(() => {
  if (!existsSync(builtMain) || !existsSync(builtRenderer)) {
    throw new Error('The app is not built: run `npm run build` before the integration tier (npm test does).');
  }
  if (!existsSync(path.join(toolDir, 'node_modules', '@doyensec', 'electronegativity'))) {
    // The npm registry is reachable in CI; the lock file pins every package.
    execFileSync('npm', ['ci', '--prefix', toolDir, '--no-audit', '--no-fund'], { stdio: 'inherit', timeout: 300_000 });
  }
  // What ships, without source maps (they hold the TypeScript, which the tool would scan
  // as a second copy) and with package.json, where the tool reads the Electron version.
  stage = mkdtempSync(path.join(tmpdir(), 'routewatch-electronegativity-'));
  const noMaps = (source: string) => !source.endsWith('.map');
  cpSync(path.join(root, 'dist-electron'), path.join(stage, 'dist-electron'), { recursive: true, filter: noMaps });
  cpSync(path.join(root, 'dist', 'renderer'), path.join(stage, 'dist', 'renderer'), { recursive: true, filter: noMaps });
  cpSync(path.join(root, 'package.json'), path.join(stage, 'package.json'));
  const electronVersion = (JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  const output = execFileSync(process.execPath, [path.join(toolDir, 'scan.mjs'), stage, electronVersion], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 600_000,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  scan = JSON.parse(output) as ScanResult;
}, 900_000);

afterAll(() => {
  if (stage !== '') rmSync(stage, { recursive: true, force: true });
});

const allowlist = (JSON.parse(readFileSync(path.join(toolDir, 'allowlist.json'), 'utf8')) as { entries: AllowEntry[] }).entries;

describe('Electronegativity over the built app', () => {
  it('scans main, preload and renderer without a parse error', () => {
    expect(scan.checks.atomic).toBeGreaterThan(20);
    expect(scan.errors.filter((e) => !e.tolerable)).toEqual([]);
  });

  it('finds no HIGH or MEDIUM issue outside the justified allowlist, and the allowlist has no stale entry', () => {
    const serious = scan.findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
    const left = allowlist.map((entry) => entry.count ?? 1);
    const unexplained = serious.filter((finding) => {
      const index = allowlist.findIndex(
        (entry, i) =>
          (left[i] ?? 0) > 0 &&
          entry.id === finding.id &&
          entry.file === finding.file &&
          (entry.samplePattern === undefined || new RegExp(entry.samplePattern).test(finding.sample ?? '')),
      );
      if (index === -1) return true;
      left[index] = (left[index] ?? 0) - 1;
      return false;
    });
    const stale = allowlist.filter((_, i) => (left[i] ?? 0) > 0);
    const bySeverity = (severity: string) => scan.findings.filter((f) => f.severity === severity).length;
    console.log(
      `Electronegativity: ${String(scan.checks.atomic)} atomic + ${String(scan.checks.global)} global checks (excluded: ${scan.excluded.join(', ')}); ` +
        `findings HIGH ${String(bySeverity('HIGH'))}, MEDIUM ${String(bySeverity('MEDIUM'))}, LOW ${String(bySeverity('LOW'))}, INFORMATIONAL ${String(bySeverity('INFORMATIONAL'))}; ` +
        `${String(serious.length - unexplained.length)} allowlisted with a reason, ${String(unexplained.filter((f) => f.severity === 'HIGH').length)} high and ${String(unexplained.filter((f) => f.severity === 'MEDIUM').length)} medium outside the allowlist`,
    );
    expect(unexplained.map((f) => `${f.severity} ${f.id} ${f.file}:${String(f.line)} ${f.sample ?? ''}`)).toEqual([]);
    expect(stale.map((entry) => `${entry.id} ${entry.file} ${entry.samplePattern ?? ''}`)).toEqual([]);
    for (const entry of allowlist) expect(entry.why.length, entry.id).toBeGreaterThan(40);
  });
});

/** Every message key that shared code hands to the UI has English text. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REVIEW_REFUSAL_KEYS } from '../shared/review/review-transitions';
import { SYNC_ERROR_CODES } from '../shared/sync/protocol';
import { englishCatalogue } from '../renderer/i18n/catalogue-en';

const keys = new Set(Object.keys(englishCatalogue));
const sharedDir = path.resolve(import.meta.dirname, '../shared');

function sharedSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sharedSources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the English catalogue', () => {
  it('has every validation message the shared rules and schemas use', () => {
    const used = new Set(sharedSources(sharedDir).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/'(validation\.\w+)'/g)].map((m) => m[1] ?? '')));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((key) => !keys.has(key))).toEqual([]);
  });

  it('has every review refusal and every sync error', () => {
    expect(REVIEW_REFUSAL_KEYS.filter((key) => !keys.has(key))).toEqual([]);
    expect(SYNC_ERROR_CODES.map((code) => `syncError.${code}`).filter((key) => !keys.has(key))).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freshTestCipher, testCipher } from '../../test-support/renderer/test-cipher';
import { DamagedCiphertextError, ENVELOPE_VERSION, placeOf } from './record-cipher';

const PLACE = placeOf('observations', 'rec-1', ['notes', 'source.name']);

describe('record cipher', () => {
  it('gives back what it sealed, any JSON value, in a versioned envelope that does not hold the text', async () => {
    const cipher = testCipher();
    const value = { notes: 'CANARY-Ωμέγα \u0000 <script>', list: [1, null, 'x'], deep: { a: true } };
    const envelope = await cipher.seal(value, PLACE);
    expect(envelope[0]).toBe(ENVELOPE_VERSION);
    expect(new TextDecoder().decode(envelope)).not.toContain('CANARY');
    expect(await cipher.open(envelope, PLACE)).toEqual(value);
    expect(await cipher.open(await cipher.seal('', PLACE), PLACE)).toBe('');
    expect(await cipher.open(await cipher.seal(null, PLACE), PLACE)).toBeNull();
  });

  it('uses a fresh IV every time: the same value sealed twice gives two different envelopes', async () => {
    const cipher = testCipher();
    const a = await cipher.seal('same', PLACE);
    const b = await cipher.seal('same', PLACE);
    expect([...a.slice(1, 13)]).not.toEqual([...b.slice(1, 13)]);
    expect([...a]).not.toEqual([...b]);
  });

  it('never gives two envelopes the same IV, across the pool of IVs drawn at once and its refills', async () => {
    const cipher = testCipher();
    const envelopes = await Promise.all(Array.from({ length: 10_000 }, (_, i) => cipher.seal(i, PLACE)));
    const ivs = new Set(envelopes.map((e) => Array.from(e.slice(1, 13), (b) => b.toString(16).padStart(2, '0')).join('')));
    expect(ivs.size).toBe(10_000);
    // Each still opens as what it sealed (its IV is its own, not a later overwrite).
    expect(await Promise.all(envelopes.slice(4090, 4100).map((e) => cipher.open(e, PLACE)))).toEqual([4090, 4091, 4092, 4093, 4094, 4095, 4096, 4097, 4098, 4099]);
  });

  it('detects any one changed byte, anywhere in the envelope (GCM tag), and never returns data', async () => {
    const cipher = testCipher();
    const envelope = await cipher.seal({ notes: 'victim name' }, PLACE);
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: envelope.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, flip) => {
        tried += 1;
        const damaged = envelope.slice();
        damaged[at] = (damaged[at] ?? 0) ^ flip;
        await expect(cipher.open(damaged, PLACE)).rejects.toBeInstanceOf(DamagedCiphertextError);
      }),
      { numRuns: 200 },
    );
    console.log(`record cipher: ${String(tried)} one-byte changes tried, ${String(tried)} detected, 0 opened`);
  });

  it('refuses an envelope moved to another record, table or field set, sealed under another key, cut short or lengthened', async () => {
    const cipher = testCipher();
    const envelope = await cipher.seal('x', PLACE);
    for (const place of [placeOf('observations', 'rec-2', ['notes', 'source.name']), placeOf('attention', 'rec-1', ['notes', 'source.name']), placeOf('observations', 'rec-1', ['notes'])]) {
      await expect(cipher.open(envelope, place)).rejects.toBeInstanceOf(DamagedCiphertextError);
    }
    await expect(freshTestCipher().open(envelope, PLACE)).rejects.toBeInstanceOf(DamagedCiphertextError);
    await expect(cipher.open(envelope.slice(0, envelope.length - 1), PLACE)).rejects.toBeInstanceOf(DamagedCiphertextError);
    await expect(cipher.open(new Uint8Array([...envelope, 0]), PLACE)).rejects.toBeInstanceOf(DamagedCiphertextError);
    await expect(cipher.open(new Uint8Array(5), PLACE)).rejects.toBeInstanceOf(DamagedCiphertextError);
    const message = await cipher.open(envelope, placeOf('observations', 'rec-2', [])).catch((error: unknown) => (error as Error).message);
    expect(message).toContain('protected fields could not be read');
  });
});

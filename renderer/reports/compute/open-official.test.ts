/**
 * The report opens only the sealed records whose sensitive field it shows: the official
 * figures' source names, when the report names its sources. Nothing else is decrypted.
 */
import { describe, expect, it } from 'vitest';
import { exportRecord } from '../../../test-support/shared/export-test-fixtures';
import { sealRecords } from '../../store/sealed-rows';
import { freshTestCipher } from '../../../test-support/renderer/test-cipher';
import { openOfficialRecords } from './open-official';

const PERIOD = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };

const cipher = freshTestCipher();
const official = exportRecord({ kind: 'secondary_source', totalPersons: 5000, source: { type: 'authorities', name: 'Ministry of Interior', reliability: 'A', credibility: '2' } });
const moving = exportRecord({ notes: 'Driver asked not to be named', source: { type: 'key_informant', name: 'Taxi driver', reliability: 'B', credibility: '3' } });

describe('openOfficialRecords', () => {
  it("opens the official figures' records and leaves every other record sealed", async () => {
    const sealed = await sealRecords([official, moving], cipher);
    // As stored: no sensitive value in the clear.
    expect(sealed.map((r) => r.source?.name)).toEqual([undefined, undefined]);
    const [opened, left] = await openOfficialRecords(sealed, cipher, true, PERIOD);
    expect(opened?.source?.name).toBe('Ministry of Interior');
    expect(left?.source?.name).toBeUndefined();
    expect(left?.notes).toBeUndefined();
  });

  it("leaves an official figure outside the report's period sealed: the compared periods read none", async () => {
    const sealed = await sealRecords([official], cipher);
    const before = { from: '1990-01-01T00:00:00.000Z', to: '1991-01-01T00:00:00.000Z' };
    expect((await openOfficialRecords(sealed, cipher, true, before))[0]?.source?.name).toBeUndefined();
  });

  it('opens nothing when the report does not name its sources, or has no key', async () => {
    const sealed = await sealRecords([official], cipher);
    expect((await openOfficialRecords(sealed, cipher, false, PERIOD))[0]?.source?.name).toBeUndefined();
    expect((await openOfficialRecords(sealed, null, true, PERIOD))[0]?.source?.name).toBeUndefined();
  });
});

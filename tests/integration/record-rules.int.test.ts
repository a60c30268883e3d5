/** The server applies the same cross-field rules as the app's form, and refuses, change by change, a record that breaks one. */
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { changeOf, countRows, enrolDevice, makeRecord, push, pushAccepted } from './helpers/fixtures';
import type { TestDevice } from './helpers/fixtures';
import { describeEachDb } from './helpers/test-db';

describeEachDb('cross-field rules on push', (h) => {
  let app: FastifyInstance;
  let device: TestDevice;

  beforeAll(async () => {
    await h.reset();
    app = await h.app();
    device = await enrolDevice(app, 'RS-BEL', 'writer');
  });

  it('refuses a record whose breakdown exceeds its total, and takes the rest of the batch', async () => {
    const before = await countRows(h.db, 'changes');
    const good = changeOf(makeRecord('RS-BEL', { totalPersons: 10 }));
    const bad = changeOf(
      makeRecord('RS-BEL', {
        totalPersons: 10,
        counts: { men: 8, women: 8, boys: null, girls: null, unaccompaniedChildren: null, separatedChildren: null, method: 'estimate', min: null, max: null },
      }),
    );
    const res = await push(app, device, [good, bad]);
    expect(res.results).toEqual([
      { changeId: good.changeId, outcome: 'accepted' },
      { changeId: bad.changeId, outcome: 'refused', code: 'invalid_record', message: expect.stringMatching(/^changes\.1 .*validation\.breakdownExceedsTotal/) as unknown },
    ]);
    expect(await countRows(h.db, 'changes')).toBe(before + 1);
    expect(await h.db.query('SELECT 1 FROM records WHERE id = $1', [bad.record.id])).toHaveLength(0);
  });

  it('refuses an incident without its type (invalid_record), and a self-verified record (forbidden: the rule book speaks first)', async () => {
    const incident = changeOf(makeRecord('RS-BEL', { kind: 'incident' }));
    const selfVerified = changeOf(
      makeRecord('RS-BEL', {
        reviewStatus: 'verified',
        review: { reviewer: device.userName, reviewedAt: new Date().toISOString(), note: null },
        source: { type: 'direct_observation', name: null, reliability: 'B', credibility: '2' },
      }),
    );
    const res = await push(app, device, [incident, selfVerified]);
    expect(res.results.map((r) => (r.outcome === 'refused' ? r.code : r.outcome))).toEqual(['invalid_record', 'forbidden']);
  });

  it('accepts a full record that keeps every rule', async () => {
    const record = makeRecord('RS-BEL', {
      totalPersons: 20,
      counts: { men: 10, women: 4, boys: 4, girls: 2, unaccompaniedChildren: 2, separatedChildren: null, method: 'exact_count', min: null, max: null },
      nationalities: [{ code: 'AFG', count: 15, basis: 'declared' }],
    });
    await pushAccepted(app, device, [changeOf(record)]);
  });
});

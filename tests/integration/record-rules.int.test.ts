/** The server applies the same cross-field rules as the app's form, and refuses a batch that breaks one. */
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { changeOf, countRows, enrolDevice, makeRecord } from './helpers/fixtures';
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

  it('refuses a record whose breakdown exceeds its total, and writes nothing of the batch', async () => {
    const before = await countRows(h.db, 'changes');
    const good = makeRecord('RS-BEL', { totalPersons: 10 });
    const bad = makeRecord('RS-BEL', {
      totalPersons: 10,
      counts: { men: 8, women: 8, boys: null, girls: null, unaccompaniedChildren: null, separatedChildren: null, method: 'estimate', min: null, max: null },
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: device.headers,
      payload: { protocolVersion: 1, changes: [changeOf(good), changeOf(bad)] },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'invalid_request' } });
    expect(res.json<{ error: { message: string } }>().error.message).toContain('validation.breakdownExceedsTotal');
    expect(await countRows(h.db, 'changes')).toBe(before);
  });

  it('refuses an incident without its type, and a self-verified record', async () => {
    const incident = makeRecord('RS-BEL', { kind: 'incident' });
    const selfVerified = makeRecord('RS-BEL', {
      reviewStatus: 'verified',
      author: 'ana',
      review: { reviewer: 'ana', reviewedAt: new Date().toISOString(), note: null },
      source: { type: 'direct_observation', name: null, reliability: 'B', credibility: '2' },
    });
    for (const record of [incident, selfVerified]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: device.headers, payload: { protocolVersion: 1, changes: [changeOf(record)] } });
      expect(res.statusCode, res.body).toBe(400);
    }
  });

  it('accepts a full record that keeps every rule', async () => {
    const record = makeRecord('RS-BEL', {
      totalPersons: 20,
      counts: { men: 10, women: 4, boys: 4, girls: 2, unaccompaniedChildren: 2, separatedChildren: null, method: 'exact_count', min: null, max: null },
      nationalities: [{ code: 'AFG', count: 15, basis: 'declared' }],
    });
    const res = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: device.headers, payload: { protocolVersion: 1, changes: [changeOf(record)] } });
    expect(res.statusCode, res.body).toBe(200);
  });
});

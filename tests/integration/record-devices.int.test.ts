/**
 * Which device a record was recorded on is the server's to say (migration 006,
 * server/domain/record-devices.ts): a record's `device` is the local id its device gave
 * itself, bound to the enrolled device that first pushed a new record under it; pulls
 * name that device. A device may not record under another's local id, nor change the
 * device of a record; a laptop enrolled again after revocation takes its id along.
 */
import { beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { ChangeResult, PullResponse, SyncChange } from '../../shared/sync/protocol';
import { adminHeaders, changeOf, enrolDevice, makeRecord, pull, pushAccepted, stamp } from './helpers/fixtures';
import type { TestDevice } from './helpers/fixtures';
import { describeEachDb } from './helpers/test-db';

async function pushRaw(app: FastifyInstance, device: TestDevice, changes: SyncChange[]): Promise<ChangeResult[]> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: device.headers, payload: { protocolVersion: SYNC_PROTOCOL_VERSION, changes } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ results: ChangeResult[] }>().results;
}

async function revoke(app: FastifyInstance, device: TestDevice): Promise<void> {
  const res = await app.inject({ method: 'POST', url: `/api/v1/admin/devices/${device.deviceId}/revoke`, headers: adminHeaders });
  expect(res.statusCode, res.body).toBe(200);
}

/** Every device name a puller gets, over all pages, by local id. */
async function namesPulled(app: FastifyInstance, device: TestDevice): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let cursor: string | null = null;
  for (;;) {
    const page: PullResponse = await pull(app, device, cursor, 2);
    for (const { localId, name } of page.devices ?? []) names.set(localId, name);
    cursor = page.cursor;
    if (!page.hasMore) return names;
  }
}

describeEachDb('the device a record was recorded on', (h) => {
  beforeEach(() => h.reset());

  it("names each record's device as the server enrolled it, page by page, whatever the record says", async () => {
    const app = await h.app();
    const ana = await enrolDevice(app, 'RS-BEL', 'Laptop Preševo', { userName: 'Ana' });
    const boris = await enrolDevice(app, 'RS-BEL', 'Tablet Šid', { userName: 'Boris' });
    const reader = await enrolDevice(app, 'RS-BEL', 'Office PC', { userName: 'Vesna', role: 'supervisor' });
    await pushAccepted(app, ana, [1, 2, 3].map(() => changeOf(makeRecord('RS-BEL', { author: 'Ana', device: 'local_ana' }))));
    await pushAccepted(app, boris, [changeOf(makeRecord('RS-BEL', { author: 'Boris', device: 'local_boris' }))]);
    // A record of Ana's edited by her supervisor keeps Ana's device.
    const edited = makeRecord('RS-BEL', { author: 'Ana', device: 'local_ana' });
    await pushAccepted(app, ana, [changeOf(edited)]);
    const later = stamp('local_sup', Date.now() + 1000);
    await pushAccepted(app, reader, [changeOf({ ...edited, summary: 'Corrected by the supervisor.', hlc: later, fieldClocks: { summary: later } })]);

    const names = await namesPulled(app, boris);
    expect(Object.fromEntries(names)).toEqual({ local_ana: 'Laptop Preševo' });
    const all = await namesPulled(app, reader);
    expect(Object.fromEntries(all)).toEqual({ local_ana: 'Laptop Preševo', local_boris: 'Tablet Šid' });
    // A page names only the devices of its own records.
    const first = await pull(app, reader, null, 1);
    expect(first.devices).toEqual([{ localId: 'local_ana', name: 'Laptop Preševo' }]);
  });

  it("refuses a new record under another enrolled device's local id, and a change of a record's device; takes the rest", async () => {
    const app = await h.app();
    const ana = await enrolDevice(app, 'RS-BEL', 'Laptop Preševo', { userName: 'Ana' });
    const mallory = await enrolDevice(app, 'RS-BEL', 'Mallory laptop', { userName: 'Mallory' });
    const anas = makeRecord('RS-BEL', { author: 'Ana', device: 'local_ana' });
    await pushAccepted(app, ana, [changeOf(anas)]);

    const forged = changeOf(makeRecord('RS-BEL', { author: 'Mallory', device: 'local_ana', summary: 'Not recorded on Ana’s laptop.' }));
    const honest = changeOf(makeRecord('RS-BEL', { author: 'Mallory', device: 'local_mallory' }));
    const [forgedResult, honestResult] = await pushRaw(app, mallory, [forged, honest]);
    expect(forgedResult).toMatchObject({ outcome: 'refused', code: 'identity_mismatch' });
    expect(forgedResult?.outcome === 'refused' ? forgedResult.message : '').toContain("another enrolled device's");
    expect(honestResult).toEqual({ changeId: honest.changeId, outcome: 'accepted' });
    expect(await h.db.query('SELECT id FROM records WHERE id = $1', [forged.record.id])).toEqual([]);

    // Ana cannot move her own record to another device either.
    const moved = stamp('local_ana', Date.now() + 1000);
    const [movedResult] = await pushRaw(app, ana, [changeOf({ ...anas, device: 'local_elsewhere', hlc: moved })]);
    expect(movedResult).toMatchObject({ outcome: 'refused', code: 'identity_mismatch' });

    const reader = await enrolDevice(app, 'RS-BEL', 'Office PC', { userName: 'Vesna', role: 'supervisor' });
    expect(Object.fromEntries(await namesPulled(app, reader))).toEqual({ local_ana: 'Laptop Preševo', local_mallory: 'Mallory laptop' });
  });

  it('moves a local id to a new enrolment of the same office once the old one is revoked, never to another office', async () => {
    const app = await h.app();
    const old = await enrolDevice(app, 'RS-BEL', 'Laptop Preševo', { userName: 'Ana' });
    await pushAccepted(app, old, [changeOf(makeRecord('RS-BEL', { author: 'Ana', device: 'local_ana' }))]);
    const again = await enrolDevice(app, 'RS-BEL', 'Laptop Preševo (2)', { userName: 'Ana' });
    const elsewhere = await enrolDevice(app, 'MK-SKO', 'Skopje laptop', { userName: 'Ana' });

    // Not while the old enrolment stands.
    const early = changeOf(makeRecord('RS-BEL', { author: 'Ana', device: 'local_ana' }));
    expect((await pushRaw(app, again, [early]))[0]).toMatchObject({ outcome: 'refused', code: 'identity_mismatch' });

    await revoke(app, old);
    const abroad = changeOf(makeRecord('MK-SKO', { author: 'Ana', device: 'local_ana' }));
    expect((await pushRaw(app, elsewhere, [abroad]))[0]).toMatchObject({ outcome: 'refused', code: 'identity_mismatch' });
    await pushAccepted(app, again, [changeOf(makeRecord('RS-BEL', { author: 'Ana', device: 'local_ana' }))]);

    const reader = await enrolDevice(app, 'RS-BEL', 'Office PC', { userName: 'Vesna', role: 'supervisor' });
    expect(Object.fromEntries(await namesPulled(app, reader))).toEqual({ local_ana: 'Laptop Preševo (2)' });
    const audit = await h.db.query<{ actor: string; detail: unknown }>("SELECT actor, detail FROM audit_log WHERE action = 'device.local_id_moved'");
    expect(audit).toEqual([{ actor: `device:${again.deviceId}`, detail: { localId: 'local_ana', from: old.deviceId } }]);
  });

  it('takes a record whose device id holds U+0000 but never names a device for it', async () => {
    const app = await h.app();
    const ana = await enrolDevice(app, 'RS-BEL', 'Laptop Preševo', { userName: 'Ana' });
    await pushAccepted(app, ana, [changeOf(makeRecord('RS-BEL', { author: 'Ana', device: 'local\u0000ana' }))]);
    const reader = await enrolDevice(app, 'RS-BEL', 'Office PC', { userName: 'Vesna', role: 'supervisor' });
    const page = await pull(app, reader, null);
    expect(page.changes.map((c) => c.record.device)).toEqual(['local\u0000ana']);
    expect(page.devices).toBeUndefined();
  });
});

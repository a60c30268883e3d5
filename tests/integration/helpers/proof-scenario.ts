/**
 * The sync proof's scenarios: 2-4 devices of one or two offices, each with its own user,
 * role and clock, doing random creates, edits, deletes, reviews and syncs over a faulty
 * wire; then a fault-free final round; then the checks of issue 10's proof. The
 * generator is fast-check's, so that a failing scenario shrinks to a small one and
 * replays from its seed.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../server/db/db';
import type { Role } from '../../../shared/access/roles';
import { checkAuthority } from '../../../shared/access/roles';
import type { Observation } from '../../../shared/observations/observation-schema';
import { canonicalJson } from '../../../shared/sync/canonical-json';
import { openConflicts } from '../../../shared/sync/revisions';
import { SyncError } from '../../../shared/sync/sync-engine';
import type { ReviewAction } from '../../../shared/review/review-transitions';

import { attentionOf } from './proof-attention';
import { ProofDevice, enrolUser } from './proof-device';
import type { EnrolTarget, TypedValue } from './proof-device';
import type { SyncTransport } from '../../../shared/sync/sync-engine';
import { NO_FAULTS, faultyTransport, inProcessTransport, noVerdicts } from './proof-transport';
import { mulberry32 } from '../../../renderer/training/seeded-random';
import type { FaultCounts, FaultPlan, FaultyTransport, ServerVerdicts } from './proof-transport';

export type StepOp = 'create' | 'edit' | 'delete' | 'review' | 'sync' | 'syncAll' | 'syncTogether' | 'forceVerify';
/** Steps that sync rather than act on a record. */
type SyncOp = 'sync' | 'syncAll' | 'syncTogether';

export interface Step {
  op: StepOp;
  device: number;
  /** Which of the eligible records, and which variant of the action (modulo their count). */
  pick: number;
}

export interface DeviceSpec {
  role: Extract<Role, 'field_monitor' | 'supervisor'>;
  office: string;
  /** The device clock's error in ms (within the HLC's 10-minute limit between any two devices). */
  skewMs: number;
}

export interface ScenarioSpec {
  devices: DeviceSpec[];
  faults: FaultPlan;
  seed: number;
  steps: Step[];
}

/** Clocks are at most 4 minutes off either way: two devices are then at most 8 apart, inside the 10 the HLC allows. */
const MAX_SKEW_MS = 4 * 60_000;

const deviceSpec = fc.record({
  role: fc.constantFrom<DeviceSpec['role']>('field_monitor', 'supervisor'),
  // Mostly one office (where the conflicts are); sometimes a second, to prove scopes stay apart.
  office: fc.constantFrom('RS-BEL', 'RS-BEL', 'RS-BEL', 'RS-BEL', 'MK-SKO'),
  skewMs: fc.oneof(fc.constant(0), fc.integer({ min: -MAX_SKEW_MS, max: MAX_SKEW_MS })),
});

/** Per request: a round makes several, so that even the highest lets most rounds through. */
const probability = fc.constantFrom(0, 0.03, 0.08, 0.15, 0.25);

const stepOp = fc.oneof(
  { arbitrary: fc.constant<StepOp>('create'), weight: 4 },
  { arbitrary: fc.constant<StepOp>('edit'), weight: 4 },
  { arbitrary: fc.constant<StepOp>('delete'), weight: 1 },
  { arbitrary: fc.constant<StepOp>('review'), weight: 6 },
  { arbitrary: fc.constant<StepOp>('sync'), weight: 5 },
  // Every device in turn, so that records spread and others' records get edited and reviewed.
  { arbitrary: fc.constant<StepOp>('syncAll'), weight: 2 },
  // Every device at once: pushes and pulls of several devices interleave on the server.
  { arbitrary: fc.constant<StepOp>('syncTogether'), weight: 2 },
  { arbitrary: fc.constant<StepOp>('forceVerify'), weight: 1 },
);

/** Scenarios of `minSteps`..`maxSteps` steps. */
export function scenarioArbitrary(minSteps: number, maxSteps: number): fc.Arbitrary<ScenarioSpec> {
  return fc
    .record({
      devices: fc.array(deviceSpec, { minLength: 2, maxLength: 4 }),
      faults: fc.record({ drop: probability, loseResponse: probability, crash: probability, duplicate: probability }),
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      steps: fc.array(fc.record({ op: stepOp, device: fc.nat({ max: 3 }), pick: fc.nat({ max: 1000 }) }), { minLength: minSteps, maxLength: maxSteps, size: 'max' }),
    })
    .map((spec) => {
      // A field monitor and a supervisor of one office at least, so that every scenario can conflict and review.
      const devices = spec.devices.map((d, i): DeviceSpec => (i === 0 ? { ...d, office: 'RS-BEL', role: 'field_monitor' } : i === 1 ? { ...d, office: 'RS-BEL', role: 'supervisor' } : d));
      const steps = spec.steps.map((s) => ({ ...s, device: s.device % devices.length }));
      return { ...spec, devices, steps };
    });
}

/** What one run counted, for the printed line. */
export interface ProofFigures {
  scenarios: number;
  rounds: number;
  faults: FaultCounts;
  /** Devices whose clock was off. */
  skew: number;
  lost: number;
  duplicated: number;
  refusedOnPurpose: number;
  /** Typed values that lost a merge: kept as conflict revisions everywhere (see MergeLoser). */
  mergeLosers: number;
  /** Actions taken (a step with nothing to act on takes none), by kind. */
  actions: Record<Exclude<StepOp, SyncOp>, number>;
  /** Edits and decisions on a record another device made: where conflicts come from. */
  onOthersRecords: number;
}

export function noFigures(): ProofFigures {
  return {
    scenarios: 0,
    rounds: 0,
    faults: { dropped: 0, lostResponse: 0, crash: 0, duplicate: 0 },
    skew: 0,
    lost: 0,
    duplicated: 0,
    refusedOnPurpose: 0,
    mergeLosers: 0,
    actions: { create: 0, edit: 0, delete: 0, review: 0, forceVerify: 0 },
    onOthersRecords: 0,
  };
}

const thousands = (n: number): string => n.toLocaleString('en-US');

/** The line the proof prints: scenarios, rounds, faults by kind, lost, duplicated. */
export function figuresLine(label: string, f: ProofFigures): string {
  return (
    `sync proof${label === '' ? '' : ` (${label})`}: ${thousands(f.scenarios)} scenarios, ${thousands(f.rounds)} rounds, ` +
    `faults: dropped ${thousands(f.faults.dropped)}, lost-response ${thousands(f.faults.lostResponse)}, crash ${thousands(f.faults.crash)}, ` +
    `duplicate ${thousands(f.faults.duplicate)}, skew ${thousands(f.skew)}; ` +
    `actions: create ${thousands(f.actions.create)}, edit ${thousands(f.actions.edit)}, delete ${thousands(f.actions.delete)}, review ${thousands(f.actions.review)}, on another device's record ${thousands(f.onOthersRecords)}; ` +
    `refused on purpose ${thousands(f.refusedOnPurpose)}, merge losers ${thousands(f.mergeLosers)}; ` +
    `lost ${thousands(f.lost)}, duplicated ${thousands(f.duplicated)}`
  );
}

/**
 * Values that lost a merge: typed, not in the final record, not overwritten by an edit
 * made knowing them. Each must be in the typing device's own revisions, and kept as a
 * conflict revision of the record on the server and on every device that sees it, with
 * the record flagged "edited in two places" there (`check`).
 */
export interface MergeLoser extends TypedValue {
  finalValue: unknown;
}

export interface ScenarioOutcome {
  figures: ProofFigures;
  /**
   * The server's records in creation order, without what differs from run to run (ids,
   * stamps, times): two runs of one scenario, on one server or on two, compare equal.
   */
  endState: string[];
  mergeLosers: MergeLoser[];
  /** Every broken invariant, in words; empty when the scenario passed. */
  violations: string[];
}

interface RunState {
  spec: ScenarioSpec;
  devices: ProofDevice[];
  transports: FaultyTransport[];
  /** Per device, what the server answered about its changes. */
  verdicts: ServerVerdicts[];
  typed: TypedValue[];
  /** Records created, with their office and the index of the device that created them. */
  created: Map<string, { office: string; device: number }>;
  /** Records on which a device forced a review its user may not make: their refusal is the point. */
  forced: Set<string>;
  figures: ProofFigures;
  violations: string[];
}

async function liveRecords(device: ProofDevice, where: (r: Observation) => boolean): Promise<Observation[]> {
  const all = await device.records();
  return all.filter((r) => !r.deleted && where(r)).sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Let the wall clock pass its current millisecond: two devices' writes in one
 * millisecond would tie on the clock and be ordered by their random node ids, and a
 * scenario would then not end the same way twice.
 */
async function nextMillisecond(): Promise<void> {
  const start = Date.now();
  while (Date.now() === start) await new Promise((resolve) => setImmediate(resolve));
}

async function runStep(state: RunState, step: Step, index: number): Promise<void> {
  const device = state.devices[step.device];
  if (device === undefined) throw new Error(`no device ${step.device}`);
  if (step.op === 'sync' || step.op === 'syncAll' || step.op === 'syncTogether') {
    const syncing = step.op === 'sync' ? [device] : state.devices;
    const results =
      step.op === 'syncTogether'
        ? await Promise.all(syncing.map((d) => d.sync()))
        : await syncing.reduce<Promise<Awaited<ReturnType<ProofDevice['sync']>>[]>>(async (done, d) => [...(await done), await d.sync()], Promise.resolve([]));
    results.forEach((result, i) => {
      state.figures.rounds += 1;
      if (result instanceof SyncError) state.violations.push(`step ${index}: ${syncing[i]?.label ?? i}'s sync failed with ${result.code}: ${result.message}`);
    });
    return;
  }
  await nextMillisecond();
  const acted = await act(state, device, { ...step, op: step.op }, index);
  if (acted === undefined) return;
  state.figures.actions[step.op] += 1;
  if (state.created.get(acted)?.device !== step.device) state.figures.onOthersRecords += 1;
}

/** Take a step's action; resolves to the id of the record acted on, or undefined when there was none to act on. */
async function act(state: RunState, device: ProofDevice, step: Step & { op: Exclude<StepOp, SyncOp> }, index: number): Promise<string | undefined> {
  const typed = (how: TypedValue['how']) => `${how} ${index} on ${device.label}`;
  switch (step.op) {
    case 'create': {
      const summary = typed('create');
      const record = await device.create(summary, 1 + (step.pick % 50));
      state.created.set(record.id, { office: device.user.office, device: step.device });
      state.typed.push({ device: device.label, recordId: record.id, field: 'summary', value: summary, how: 'create' });
      return record.id;
    }
    case 'edit': {
      const eligible = await liveRecords(device, (r) => device.may('record.edit', r));
      const target = eligible[step.pick % Math.max(1, eligible.length)];
      if (!target) return;
      const summary = typed('edit');
      // Sometimes the head count too: another merge unit, so that two devices' edits of different units both stay.
      await device.edit(target, summary, step.pick % 3 === 0 ? 1 + (step.pick % 97) : undefined);
      state.typed.push({ device: device.label, recordId: target.id, field: 'summary', value: summary, how: 'edit' });
      return target.id;
    }
    case 'delete': {
      const eligible = await liveRecords(device, (r) => device.may('record.delete', r));
      const target = eligible[step.pick % Math.max(1, eligible.length)];
      if (!target) return;
      await device.delete(target);
      return target.id;
    }
    case 'review': {
      const actions: ReviewAction[] = device.user.role === 'supervisor' ? ['verify', 'return', 'reject'] : ['submit'];
      const action = actions[step.pick % actions.length] ?? 'submit';
      const wanted = action === 'submit' ? 'returned' : 'submitted';
      // A reviewer decides on others' records; an author resubmits their own.
      const mine = action === 'submit';
      const eligible = await liveRecords(device, (r) => r.reviewStatus === wanted && r.office === device.user.office && (r.author === device.user.name) === mine);
      const target = eligible[step.pick % Math.max(1, eligible.length)];
      if (!target) return;
      const note = action === 'return' || action === 'reject' ? typed('review') : '';
      if (!(await device.review(target, action, note))) return;
      if (note !== '') state.typed.push({ device: device.label, recordId: target.id, field: 'review', value: note, how: 'review' });
      return target.id;
    }
    case 'forceVerify': {
      if (device.user.role !== 'field_monitor') return;
      const eligible = await liveRecords(device, (r) => r.author === device.user.name && r.reviewStatus === 'submitted');
      const target = eligible[step.pick % Math.max(1, eligible.length)];
      if (!target) return;
      await device.forceVerify(target);
      state.forced.add(target.id);
      return target.id;
    }
  }
}

/** Sync every device in a fixed order until a whole pass moves nothing; then once more, as the brief's "twice". */
async function finalRounds(state: RunState): Promise<void> {
  for (const transport of state.transports) transport.faults = NO_FAULTS;
  let quietPasses = 0;
  for (let pass = 0; pass < 8 && quietPasses < 2; pass++) {
    let moved = 0;
    for (const device of state.devices) {
      state.figures.rounds += 1;
      const result = await device.sync();
      if (typeof result === 'string' || result instanceof SyncError) {
        state.violations.push(`final round: ${device.label} failed without faults: ${typeof result === 'string' ? result : `${result.code} ${result.message}`}`);
        return;
      }
      moved += result.pushed + result.refused + result.pulled;
    }
    quietPasses = moved === 0 ? quietPasses + 1 : 0;
  }
  if (quietPasses < 2) state.violations.push('the final rounds never went quiet: devices keep pushing or pulling');
}

function byId(records: readonly Observation[]): Map<string, Observation> {
  return new Map(records.map((r) => [r.id, r]));
}

interface ServerRow {
  [column: string]: unknown;
  data: Observation;
}

/** Every check of the proof; violations are collected in words, figures counted. */
async function check(state: RunState, db: Db): Promise<MergeLoser[]> {
  const { violations, figures } = state;
  const serverRows = await db.query<ServerRow>('SELECT data FROM records');
  const server = byId(serverRows.map((r) => r.data));

  // None duplicated: one row per change id in the feed, one record per id.
  const duplicateChanges = await db.query<{ change_id: string; n: number }>(
    'SELECT change_id::text AS change_id, count(*)::int AS n FROM changes GROUP BY change_id HAVING count(*) > 1',
  );
  const duplicateRecords = await db.query<{ id: string; n: number }>('SELECT id, count(*)::int AS n FROM records GROUP BY id HAVING count(*) > 1');
  figures.duplicated += duplicateChanges.length + duplicateRecords.length;
  for (const row of duplicateChanges) violations.push(`change ${row.change_id} is in the feed ${row.n} times`);
  for (const row of duplicateRecords) violations.push(`record ${row.id} is stored ${row.n} times`);

  // Every change the server said it accepted is in its feed.
  const accepted = state.verdicts.flatMap((v) => [...v.accepted]);
  if (accepted.length > 0) {
    const held = await db.query<{ change_id: string }>('SELECT change_id::text AS change_id FROM changes WHERE change_id = ANY($1::uuid[])', [accepted]);
    const heldIds = new Set(held.map((r) => r.change_id));
    for (const id of accepted) if (!heldIds.has(id)) violations.push(`change ${id} was accepted but is not in the feed`);
  }

  const attentionByDevice = await Promise.all(state.devices.map((d) => attentionOf(d)));

  // Nothing refused is silently gone: each refusal the server gave a device waits in that
  // device's "Needs attention", or a later change of the same record answers for it
  // (every write of a record resends it, carrying what was refused).
  for (const [i, verdicts] of state.verdicts.entries()) {
    const device = state.devices[i];
    for (const item of attentionByDevice[i] ?? []) {
      if (!state.forced.has(item.change.record.id)) violations.push(`${device?.label ?? i} holds change ${item.change.changeId} of record ${item.change.record.id} in "Needs attention" (${item.code}), which nothing called for`);
    }
    const aside = new Set((attentionByDevice[i] ?? []).map((item) => item.change.changeId));
    const counted = new Set<string>();
    verdicts.log.forEach((verdict, at) => {
      if (verdict.outcome !== 'refused' || counted.has(verdict.changeId)) return;
      counted.add(verdict.changeId);
      const { changeId, recordId, code } = verdict;
      // A later change of the record (its write took the refusal off the list and resent
      // it) answers for it: accepted, it settled the refusal; refused, it is checked in turn.
      const resent = verdicts.log.slice(at + 1).some((later) => later.recordId === recordId && later.changeId !== changeId);
      if (!aside.has(changeId) && !resent) {
        violations.push(`${device?.label ?? i}: change ${changeId} of record ${recordId} was refused (${String(code)}) but is not in "Needs attention" and was never resent`);
      }
      // The server leaves concurrent review and deletion to the merge: the only refusals are the forced ones.
      if (state.forced.has(recordId)) figures.refusedOnPurpose += 1;
      else violations.push(`${device?.label ?? i}: change ${changeId} of record ${recordId} was refused (${String(code)}) though nothing in the scenario called for it`);
    });
  }
  // A forced verification is never accepted.
  for (const recordId of state.forced) {
    const held = server.get(recordId);
    if (held?.reviewStatus === 'verified' && held.review?.reviewer !== undefined && state.devices.some((d) => d.user.role === 'field_monitor' && d.user.name === held.review?.reviewer)) {
      violations.push(`record ${recordId} was verified by a field monitor's device`);
    }
  }

  // None lost: every record created anywhere is on the server and on every device of its
  // office, tombstones included; or, when the server refused every change of it (a record
  // created and force-verified before its first push), in its creator's "Needs attention".
  const deviceRecords = await Promise.all(state.devices.map(async (d) => byId(await d.records())));
  const asideOf = state.devices.map((_, i) => new Set((attentionByDevice[i] ?? []).map((item) => item.change.record.id)));
  for (const [id, { office, device: creator }] of state.created) {
    if (!server.has(id)) {
      if (!asideOf[creator]?.has(id)) {
        figures.lost += 1;
        violations.push(`record ${id} (created in ${office}) is not on the server, nor in its creator's "Needs attention"`);
      }
      continue;
    }
    const missing = state.devices.filter((d, i) => d.user.office === office && !deviceRecords[i]?.has(id)).map((d) => d.label);
    if (missing.length > 0) {
      figures.lost += 1;
      violations.push(`record ${id} (created in ${office}) is missing on ${missing.join(', ')}`);
    }
  }

  // Identical records: each device holds exactly the server's records of its office,
  // but for records it holds changes of in "Needs attention" (its own refused edit stays
  // on the device until a person edits and resends it or exports it).
  for (const [i, device] of state.devices.entries()) {
    const held = deviceRecords[i] ?? new Map<string, Observation>();
    const aside = asideOf[i] ?? new Set<string>();
    const expected = new Set([...server.values()].filter((r) => r.office === device.user.office).map((r) => r.id));
    for (const id of held.keys()) if (!expected.has(id) && !aside.has(id)) violations.push(`${device.label} holds record ${id}, which the server does not hold for ${device.user.office}`);
    for (const id of expected) {
      const record = server.get(id);
      const mine = held.get(id);
      if (aside.has(id) || record === undefined || mine === undefined) continue; // a missing one is counted as lost above
      if (canonicalJson(mine) !== canonicalJson(record)) violations.push(`${device.label}'s record ${id} differs from the server's:\n  device ${canonicalJson(mine)}\n  server ${canonicalJson(record)}`);
    }
    for (const record of held.values()) {
      if (record.office !== device.user.office) violations.push(`${device.label} of ${device.user.office} holds record ${record.id} of ${record.office}`);
    }
  }

  // Every outbox empty, and the server, which the devices tell their kept count, knows it.
  const reported = await db.query<{ id: string; pending: number | null; synced: boolean }>(
    'SELECT id, pending_changes AS pending, last_sync_at IS NOT NULL AS synced FROM devices',
  );
  const reportedBy = new Map(reported.map((row) => [row.id, row]));
  for (const device of state.devices) {
    const pending = await device.store.pendingCount();
    const rows = await device.store.db.outbox.count();
    if (pending !== 0 || rows !== 0) violations.push(`${device.label}'s outbox still holds ${pending} records (${rows} rows)`);
    const row = reportedBy.get(device.enrolled.deviceId);
    if (row?.synced !== true || Number(row.pending) !== 0) violations.push(`the server lists ${device.label} with ${String(row?.pending)} changes waiting (synced: ${String(row?.synced)})`);
  }

  // Every typed value findable: in the final record, in a revision on a device, or in "Needs attention".
  const before = new Map<string, string[]>();
  const after = new Map<string, string[]>();
  /** Per device label and record, the values its own revisions hold. */
  const ownRevisions = new Map<string, string[]>();
  /** Per device label and record: the values its conflict revisions kept from being lost, and whether the record is flagged. */
  const keptByConflict = new Map<string, string[]>();
  const flagged = new Set<string>();
  for (const device of state.devices) {
    const rows = await device.store.db.revisions.toArray();
    const byRecord = new Map<string, typeof rows>();
    for (const row of rows) byRecord.set(row.recordId, [...(byRecord.get(row.recordId) ?? []), row]);
    for (const [recordId, history] of byRecord) if (openConflicts(history).length > 0) flagged.add(`${device.label} ${recordId}`);
    for (const row of rows) {
      const key = `${device.label} ${row.recordId}`;
      if (row.action === 'conflict') {
        keptByConflict.set(key, [...(keptByConflict.get(key) ?? []), ...row.changes.map((change) => canonicalJson(change.before))]);
        // A conflict keeps a value from being lost; it is not an edit made knowing it.
        continue;
      }
      for (const change of row.changes) {
        before.set(row.recordId, [...(before.get(row.recordId) ?? []), canonicalJson(change.before)]);
        after.set(row.recordId, [...(after.get(row.recordId) ?? []), canonicalJson(change.after)]);
        ownRevisions.set(key, [...(ownRevisions.get(key) ?? []), canonicalJson(change.after)]);
      }
    }
  }
  const serverConflicts = await db.query<{ record_id: string; changes: unknown }>("SELECT record_id, changes FROM revisions WHERE action = 'conflict'");
  const onServer = new Map<string, string[]>();
  for (const row of serverConflicts) {
    const changes = (Array.isArray(row.changes) ? row.changes : []) as { before?: unknown }[];
    onServer.set(row.record_id, [...(onServer.get(row.record_id) ?? []), ...changes.map((change) => canonicalJson(change.before ?? null))]);
  }
  const aside = attentionByDevice.flat().map((item) => ({ recordId: item.change.record.id, json: canonicalJson(item.change.record) }));
  const mergeLosers: MergeLoser[] = [];
  for (const value of state.typed) {
    const final = server.get(value.recordId);
    const finalValue = value.field === 'summary' ? final?.summary : final?.review?.note;
    if (finalValue === value.value) continue;
    const quoted = JSON.stringify(value.value);
    const holds = (jsons: readonly string[] | undefined) => (jsons ?? []).some((json) => json.includes(quoted));
    // Overwritten by an edit made knowing it (its revision's "before" holds it): history, not a loss.
    const overwrittenKnowingly = holds(before.get(value.recordId));
    const inRevision = overwrittenKnowingly || holds(after.get(value.recordId));
    const inAttention = aside.some((item) => item.recordId === value.recordId && item.json.includes(quoted));
    if (!inRevision && !inAttention) {
      violations.push(`"${value.value}" typed on ${value.device} for record ${value.recordId} is nowhere: not in the record (${JSON.stringify(finalValue)}), no revision, not in "Needs attention"`);
      continue;
    }
    // Lost a merge to a concurrent edit: the typing device's revision keeps it, and so do the conflict revisions.
    if (!overwrittenKnowingly && !inAttention) {
      if (value.how !== 'create' && !holds(ownRevisions.get(`${value.device} ${value.recordId}`))) {
        violations.push(`"${value.value}" lost a merge and is not in the revisions of ${value.device}, where it was typed`);
      }
      // Conflicts, visible: kept as a conflict revision of the record on the server and on
      // every device of the office, and the record flagged "edited in two places" there.
      if (!holds(onServer.get(value.recordId))) violations.push(`"${value.value}" lost a merge and no conflict revision on the server keeps it`);
      for (const device of state.devices) {
        if (final === undefined || !checkAuthority(device.user, 'record.view', final).allowed) continue;
        const key = `${device.label} ${value.recordId}`;
        if (!holds(keptByConflict.get(key))) violations.push(`"${value.value}" lost a merge and no conflict revision on ${device.label} keeps it`);
        if (!flagged.has(key)) violations.push(`record ${value.recordId} is not flagged "edited in two places" on ${device.label}`);
      }
      mergeLosers.push({ ...value, finalValue });
    }
  }
  figures.mergeLosers += mergeLosers.length;
  return mergeLosers;
}

/** Where a scenario runs: how devices enrol and reach the server, and the server's database (for the checks). */
export interface ScenarioTarget {
  enrol: EnrolTarget;
  transport(token: string): SyncTransport;
  db: Db;
}

/** A server in process. */
export function inProcessTarget(app: FastifyInstance, db: Db, adminToken: string): ScenarioTarget {
  return { enrol: { app, adminToken }, transport: (token) => inProcessTransport(app, token), db };
}

/** Run one scenario against a server whose database was just emptied. */
export async function runScenario(target: ScenarioTarget, spec: ScenarioSpec): Promise<ScenarioOutcome> {
  const random = mulberry32(spec.seed);
  const figures = noFigures();
  figures.scenarios = 1;
  const verdicts: ServerVerdicts[] = [];
  const devices: ProofDevice[] = [];
  const transports: FaultyTransport[] = [];
  let monitors = 0;
  let supervisors = 0;
  for (const [i, d] of spec.devices.entries()) {
    const n = d.role === 'supervisor' ? ++supervisors : ++monitors;
    const userName = `${d.role === 'supervisor' ? 'Supervisor' : 'Monitor'} ${n} ${d.office}`;
    const enrolled = await enrolUser(target.enrol, d.office, d.role, userName);
    const mine = noVerdicts();
    verdicts.push(mine);
    const transport = faultyTransport(target.transport(enrolled.token), { ...spec.faults }, random, figures.faults, mine);
    const device = new ProofDevice(`device ${i} (${d.role}, ${d.office}${d.skewMs === 0 ? '' : `, clock ${Math.round(d.skewMs / 1000)} s off`})`, enrolled, transport, d.skewMs);
    await device.setUp();
    if (d.skewMs !== 0) figures.skew += 1;
    devices.push(device);
    transports.push(transport);
  }
  const state: RunState = { spec, devices, transports, verdicts, typed: [], created: new Map(), forced: new Set(), figures, violations: [] };
  try {
    for (const [index, step] of spec.steps.entries()) await runStep(state, step, index);
    await finalRounds(state);
    const mergeLosers = await check(state, target.db);
    const rows = await target.db.query<ServerRow>('SELECT data FROM records');
    const server = byId(rows.map((r) => r.data));
    const endState = [...state.created.keys()].map((id) => {
      const r = server.get(id);
      return r === undefined
        ? 'missing'
        : canonicalJson({ office: r.office, author: r.author, summary: r.summary, totalPersons: r.totalPersons, reviewStatus: r.reviewStatus, deleted: r.deleted, reviewer: r.review?.reviewer ?? null, note: r.review?.note ?? null });
    });
    return { figures, endState, mergeLosers, violations: state.violations };
  } finally {
    for (const device of devices) await device.dispose();
  }
}

/** Add a scenario's figures to a run's. */
export function addFigures(total: ProofFigures, one: ProofFigures): void {
  total.scenarios += one.scenarios;
  total.rounds += one.rounds;
  total.skew += one.skew;
  total.lost += one.lost;
  total.duplicated += one.duplicated;
  total.refusedOnPurpose += one.refusedOnPurpose;
  total.mergeLosers += one.mergeLosers;
  total.onOthersRecords += one.onOthersRecords;
  for (const kind of Object.keys(total.actions) as (keyof ProofFigures['actions'])[]) total.actions[kind] += one.actions[kind];
  total.faults.dropped += one.faults.dropped;
  total.faults.lostResponse += one.faults.lostResponse;
  total.faults.crash += one.faults.crash;
  total.faults.duplicate += one.faults.duplicate;
}

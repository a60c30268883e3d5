/**
 * The page of the at-rest canary test (tests/e2e/at-rest-canary.spec.ts), bundled by the
 * test and served on loopback: it writes through the real store in real Chromium, under a
 * fresh non-extractable key, and reads back through the store. The test itself reads the
 * raw rows with a plain IndexedDB connection, not through this code.
 */
import '../../shared/schema/zod';
import type { Observation } from '../../shared/observations/observation-schema';
import { createRecordCipher } from '../../renderer/crypto/record-cipher';
import { openDatabase } from '../../renderer/store/database';
import { DraftStore } from '../../renderer/store/draft-store';
import { ObservationStore } from '../../renderer/store/observation-store';
import { protectedFieldsUnreadable } from '../../renderer/store/sealed-rows';
import { IssuedReportStore } from '../../renderer/store/issued-report-store';
import { sampleParameters, sampleReportDocument } from '../shared/issued-report-fixtures';

export const AT_REST_DATABASE = 'at-rest-canary';

let store: ObservationStore | undefined;
let drafts: DraftStore | undefined;

function input(i: number, canary: string, tag: string): Record<string, unknown> {
  return {
    kind: 'group_sighting',
    observedStart: new Date(Date.parse('2026-03-01T10:00:00.000Z') + i * 60_000).toISOString(),
    placeId: 'rs-presevo',
    location: null,
    locationMethod: 'gazetteer',
    totalPersons: (i % 40) + 1,
    summary: `Group seen near the crossing, record ${String(i)}`,
    notes: `${canary}-notes-${tag}-${String(i)}`,
    source: { type: 'authorities', name: `${canary}-source-${tag}-${String(i)}`, reliability: 'B', credibility: '2' },
    traffickingIndicators: ['iom_forced_work'],
  };
}

/** Issued situation reports: the analyst's highlights and a document naming a source, with canaries. */
const REPORTS = 3;

/** Write `count` records with canaries in every sensitive field, edit `edits` of them (sensitive fields changed), save drafts, an enrolment, refused changes and issued reports. */
async function fill(count: number, edits: number, draftCount: number, canary: string): Promise<{ records: number; edits: number; drafts: number; refused: number; reports: number }> {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const cipher = createRecordCipher(key);
  const db = openDatabase(AT_REST_DATABASE);
  store = new ObservationStore(db, { cipher });
  drafts = new DraftStore(db, cipher);
  const profile = { author: 'Ana', office: 'RS-BEL' };
  const created: Observation[] = [];
  for (let i = 0; i < count; i += 100) {
    const batch = Array.from({ length: Math.min(100, count - i) }, (_, j) => input(i + j, canary, 'first'));
    created.push(...(await store.createObservations(batch, profile)));
  }
  for (const [i, record] of created.slice(0, edits).entries()) {
    const { id: _id, ...rest } = { ...input(i, canary, 'edited'), id: record.id };
    await store.updateObservation(record.id, { ...rest, observedStart: record.observedStart }, 'Ana');
  }
  for (let i = 0; i < draftCount; i++) await drafts.save(`draft-${String(i)}`, created[i]?.id ?? null, { draft: input(i, canary, 'draft') });
  await store.setMeta('enrolment', { serverUrl: 'https://sync.example', token: `${canary}-token`, deviceId: 'dev-1', office: 'RS-BEL', role: 'hq_analyst', userName: 'Ana', enrolledAt: new Date().toISOString() });
  const sync = store.syncStore();
  const refused = await sync.pendingChanges(20);
  await sync.setAside(refused.map((change) => ({ change, code: 'forbidden' as const, message: 'refused in the test' })));
  const reports = new IssuedReportStore(db, cipher);
  for (let i = 0; i < REPORTS; i++) {
    await reports.issueReport({
      parameters: sampleParameters(),
      highlights: [`${canary}-highlight-${String(i)}: as the source told us`],
      document: sampleReportDocument({ sections: [{ key: 'official', heading: 'Official figures', blocks: [{ kind: 'paragraph', text: `Source: ${canary}-report-source-${String(i)}` }] }] }),
    });
  }
  return { records: created.length, edits, drafts: draftCount, refused: refused.length, reports: REPORTS };
}

/** One record read through the store: what a screen would get. */
async function read(id: string): Promise<{ found: boolean; unreadable: boolean; notes: unknown; sourceName: unknown; indicators: unknown; summary: unknown; json: string }> {
  if (!store) throw new Error('fill first');
  const record = await store.getObservation(id);
  return {
    found: record !== undefined,
    unreadable: record !== undefined && protectedFieldsUnreadable(record),
    notes: record?.notes,
    sourceName: record?.source?.name,
    indicators: record?.traffickingIndicators,
    summary: record?.summary,
    json: JSON.stringify(record ?? null),
  };
}

/** What the page puts on `window.atRest` for the test to call. */
export interface AtRestApi {
  fill: typeof fill;
  read: typeof read;
}

(window as unknown as { atRest: AtRestApi }).atRest = { fill, read };
document.body.dataset.ready = 'true';

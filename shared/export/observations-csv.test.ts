import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { User } from '../access/roles';
import { SENSITIVE_FIELD_PATHS } from '../observations/sensitive-fields';
import { OBSERVATION_COLUMNS, isSensitiveColumn } from './observation-columns';
import { observationsCsv } from './observations-csv';
import { mayAskForSensitive } from './export-selection';
import { PLACES, exportRecord } from '../../test-support/shared/export-test-fixtures';

const analyst: User = { name: 'Hana', role: 'hq_analyst', office: 'HQ-VIE' };
const supervisor: User = { name: 'Sava', role: 'supervisor', office: 'RS-BEL' };
const monitor: User = { name: 'Ana', role: 'field_monitor', office: 'RS-BEL' };
const admin: User = { name: 'Root', role: 'administrator', office: 'HQ-VIE' };

/** The CSV read back: BOM checked and dropped, rows as objects by header. */
function readBack(text: string): Record<string, string>[] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('observationsCsv', () => {
  it('writes one row per record with nested groups flattened', () => {
    const record = exportRecord();
    const out = observationsCsv([record], { user: analyst, includeSensitive: false, includeTraining: false }, PLACES);
    expect(out.rows).toBe(1);
    const [row] = readBack(out.text);
    expect(row).toMatchObject({
      id: record.id,
      kind: 'group_sighting',
      observed_start: '2015-10-01T08:00:00.000Z',
      place_name: 'Šid',
      place_name_local: 'Шид',
      latitude: '45.1283456789',
      location_source: 'place',
      total_persons: '20',
      men: '8',
      separated_children: '',
      direction: 'outgoing',
      transport_modes: 'on_foot;bus',
      nationalities: 'SYR:12;AFG:3',
      nationality_bases: 'SYR:declared;AFG:perceived',
      source_grade: 'B2',
      summary: 'Група од 20 лица, пешке',
    });
  });

  it('uses CRLF line ends and quotes what needs quoting (commas, quotes, line breaks)', () => {
    const record = exportRecord({ summary: 'a, "b"\nc' });
    const out = observationsCsv([record], { user: null, includeSensitive: false, includeTraining: false }, PLACES);
    expect(out.text).toContain('\r\n');
    expect(out.text).toContain('"a, ""b""\nc"');
    expect(readBack(out.text)[0]?.summary).toBe('a, "b"\nc');
  });

  it('neutralises a summary that would start a formula, and keeps a negative number a number', () => {
    const record = exportRecord({ summary: '=cmd|\' /C calc\'!A0', location: { lat: -12.5, lon: -70.25 } });
    const out = observationsCsv([record], { user: null, includeSensitive: false, includeTraining: false }, PLACES);
    const [row] = readBack(out.text);
    expect(row?.summary).toBe("'=cmd|' /C calc'!A0");
    expect(row?.latitude).toBe('-12.5');
    expect(row?.longitude).toBe('-70.25');
    expect(row?.location_source).toBe('record');
    // The raw text holds the number unquoted and unprefixed.
    expect(out.text).toContain(',-12.5,-70.25,');
  });

  it('never writes deleted records, and writes training records only when asked', () => {
    const live = exportRecord();
    const deleted = exportRecord({ deleted: true });
    const training = exportRecord({ training: true });
    const without = observationsCsv([live, deleted, training], { user: analyst, includeSensitive: false, includeTraining: false }, PLACES);
    expect(readBack(without.text).map((r) => r.id)).toEqual([live.id]);
    expect(without.leftOut).toMatchObject({ deleted: 1, training: 1 });
    const withTraining = observationsCsv([live, deleted, training], { user: analyst, includeSensitive: false, includeTraining: true }, PLACES);
    expect(readBack(withTraining.text).map((r) => r.id)).toEqual([live.id, training.id]);
    expect(readBack(withTraining.text)[1]?.training).toBe('training');
    expect(withTraining.leftOut).toMatchObject({ deleted: 1, training: 0 });
  });

  it('leaves every sensitive column out unless asked for', () => {
    const out = observationsCsv([exportRecord()], { user: analyst, includeSensitive: false, includeTraining: false }, PLACES);
    const header = Object.keys(readBack(out.text)[0] ?? {});
    expect(header).not.toContain('source_name');
    expect(header).not.toContain('notes');
    expect(header).not.toContain('trafficking_indicators');
    expect(out.text).not.toContain('Driver Marko');
    expect(out.text).not.toContain('Met at the station');
    expect(out.text).not.toContain('iom_forced_work');
    expect(out.leftOut.sensitiveColumns).toEqual(['source_name', 'trafficking_indicators', 'notes']);
  });

  it('writes sensitive fields when asked, only on the records the role may see them', () => {
    const open = exportRecord();
    const restricted = exportRecord({ classification: 'restricted', notes: 'Restricted note' });
    const out = observationsCsv([open, restricted], { user: analyst, includeSensitive: true, includeTraining: false }, PLACES);
    const rows = readBack(out.text);
    expect(rows[0]).toMatchObject({ source_name: 'Driver Marko', notes: 'Met at the station', trafficking_indicators: 'iom_forced_work' });
    expect(rows[1]).toMatchObject({ source_name: '', notes: '', trafficking_indicators: '' });
    expect(out.text).not.toContain('Restricted note');
    expect(out.leftOut).toMatchObject({ sensitiveColumns: [], sensitiveWithheld: 1 });
  });

  it('follows the rule book per role: a monitor sees their own, a supervisor their office, an administrator nothing', () => {
    const mine = exportRecord({ author: 'Ana' });
    const colleague = exportRecord({ author: 'Boris', notes: 'Boris note' });
    const otherOffice = exportRecord({ office: 'MK-GEV', mission: 'MK', notes: 'Gevgelija note' });
    const records = [mine, colleague, otherOffice];
    const asMonitor = readBack(observationsCsv(records, { user: monitor, includeSensitive: true, includeTraining: false }, PLACES).text);
    expect(asMonitor.map((r) => r.notes)).toEqual(['Met at the station', '', '']);
    const asSupervisor = readBack(observationsCsv(records, { user: supervisor, includeSensitive: true, includeTraining: false }, PLACES).text);
    expect(asSupervisor.map((r) => r.notes)).toEqual(['Met at the station', 'Boris note', '']);
    expect(mayAskForSensitive(admin)).toBe(false);
    expect(mayAskForSensitive(null)).toBe(false);
    const asAdmin = observationsCsv(records, { user: admin, includeSensitive: true, includeTraining: false }, PLACES);
    expect(Object.keys(readBack(asAdmin.text)[0] ?? {})).not.toContain('notes');
    const nobody = observationsCsv(records, { user: null, includeSensitive: true, includeTraining: false }, PLACES);
    expect(nobody.text).not.toContain('Boris note');
    expect(nobody.text).not.toContain('Met at the station');
  });

  it('marks as sensitive exactly the columns reading a sensitive field, and covers every sensitive field', () => {
    const sensitiveFields = new Set(OBSERVATION_COLUMNS.filter(isSensitiveColumn).map((c) => c.field));
    expect([...sensitiveFields].sort()).toEqual([...SENSITIVE_FIELD_PATHS].sort());
  });

  it('keeps a record without a point or a known place, with empty coordinates, and counts it', () => {
    const lost = exportRecord({ placeId: 'rs-not-in-gazetteer', location: null });
    const out = observationsCsv([lost, exportRecord()], { user: null, includeSensitive: false, includeTraining: false }, PLACES);
    expect(out).toMatchObject({ rows: 2, withoutLocation: 1 });
    expect(readBack(out.text)[0]).toMatchObject({ place_id: 'rs-not-in-gazetteer', place_name: '', latitude: '', longitude: '', location_source: '' });
  });

  it('writes only the header for no records', () => {
    const out = observationsCsv([], { user: analyst, includeSensitive: false, includeTraining: false }, PLACES);
    expect(out.rows).toBe(0);
    expect(out.text.slice(1).split('\r\n')[0]?.startsWith('id,kind,observed_start')).toBe(true);
  });
});

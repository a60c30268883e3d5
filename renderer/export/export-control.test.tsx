// @vitest-environment jsdom
/**
 * "Export…" on the Observations screen, driven by its labels: the records it is given
 * (as the list shows them), each format, the sensitive-fields choice shown only to a
 * role that may see some, and a message that says what was written and left out.
 */
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import { PLACES, exportRecord } from '../../test-support/shared/export-test-fixtures';
import { ENROLMENT, FakeSync, fakeServices, statusOf } from '../../test-support/renderer/fake-services';
import { ServicesContext } from '../app/services';
import { FilterProvider } from '../filter/filter-state';
import { englishCatalogue } from '../i18n/catalogue-en';
import { ExportControl } from './export-control';
import { columnDescriptionKeys, sheetName } from './export-observations';

afterEach(cleanup);

const WAIT = { timeout: 15_000 };

interface Saved {
  blob: Blob;
  name: string;
}

async function setup(role: 'field_monitor' | 'supervisor' | 'hq_analyst' | 'administrator', records: Observation[], count = records.length) {
  const services = { ...fakeServices(new FakeSync(statusOf())), places: [...PLACES.values()], placesById: PLACES };
  await services.store.setMeta('enrolment', { ...ENROLMENT, role, userName: 'Ana' });
  // The control reads records by id, as the list hands them over: put them as stored.
  await services.store.db.observations.bulkPut(records);
  const saved: Saved[] = [];
  const save = vi.fn((blob: Blob, name: string) => saved.push({ blob, name }));
  render(
    <ServicesContext.Provider value={services}>
      <FilterProvider>
        <ExportControl count={count} ids={() => records.map((r) => r.id)} save={save} />
      </FilterProvider>
    </ServicesContext.Provider>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Export…' }));
  // The choices appear once the user (and so the role) has been read.
  await screen.findByRole('checkbox', { name: 'Include training records' }, WAIT);
  return { saved, save };
}

async function exportAs(format: RegExp): Promise<HTMLElement> {
  fireEvent.click(screen.getByRole('radio', { name: format }));
  fireEvent.click(screen.getByRole('button', { name: 'Export' }));
  return screen.findByTestId('export-result', {}, WAIT);
}

// ignoreBOM: keep the byte order mark in the text, to see that it was written.
const text = async (blob: Blob) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());

describe('ExportControl', () => {
  it('exports the given records as CSV and says what was written and left out', async () => {
    const mine = exportRecord({ author: 'Ana', summary: '=cmd Шид' });
    const training = exportRecord({ author: 'Ana', training: true });
    const { saved } = await setup('field_monitor', [mine, training]);
    expect(screen.getByText('The 2 observations the list shows, with the filter above.')).toBeTruthy();
    const result = await exportAs(/^CSV/);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.name).toMatch(/^routewatch-observations-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.csv$/);
    const csv = await text(saved[0]?.blob ?? new Blob());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain(mine.id);
    expect(csv).not.toContain(training.id);
    expect(csv).toContain("'=cmd Шид");
    expect(csv).not.toContain('Driver Marko');
    expect(result.textContent).toContain(`Downloading ${saved[0]?.name}: 1 row.`);
    expect(within(result).getByText('1 training record (not asked for)')).toBeTruthy();
    expect(within(result).getByText(/sensitive fields \(not asked for\): source_name, trafficking_indicators, notes/)).toBeTruthy();
  });

  it('offers "Include sensitive fields" to a field monitor, writing only their own records\' fields', async () => {
    const mine = exportRecord({ author: 'Ana', notes: 'my note' });
    const colleague = exportRecord({ author: 'Boris', notes: 'his note' });
    const { saved } = await setup('field_monitor', [mine, colleague]);
    fireEvent.click(screen.getByRole('checkbox', { name: /Include sensitive fields/ }));
    const result = await exportAs(/^CSV/);
    const csv = await text(saved[0]?.blob ?? new Blob());
    expect(csv).toContain('my note');
    expect(csv).not.toContain('his note');
    expect(within(result).getByText(/sensitive fields of 1 record your role may not see/)).toBeTruthy();
  });

  it('does not offer sensitive fields to a role that may never see them', async () => {
    await setup('administrator', [exportRecord()]);
    expect(screen.queryByRole('checkbox', { name: /Include sensitive fields/ })).toBeNull();
    expect(screen.getByRole('checkbox', { name: 'Include training records' })).toBeTruthy();
  });

  it('exports GeoJSON, counting the records it cannot place', async () => {
    const placed = exportRecord({ location: { lat: 45.1, lon: 19.2 } });
    const lost = exportRecord({ placeId: null, location: null });
    const { saved } = await setup('hq_analyst', [placed, lost]);
    const result = await exportAs(/^GeoJSON/);
    const geojson = JSON.parse(await text(saved[0]?.blob ?? new Blob())) as { features: { id: string }[] };
    expect(geojson.features.map((f) => f.id)).toEqual([placed.id]);
    expect(saved[0]?.name.endsWith('.geojson')).toBe(true);
    expect(within(result).getByText('1 record with neither a point nor a known place')).toBeTruthy();
  });

  it('exports HXL with its notes, and XLSX with an About sheet', async () => {
    const { saved } = await setup('hq_analyst', [exportRecord(), exportRecord({ kind: 'site_snapshot' })]);
    const hxl = await exportAs(/^HXL/);
    expect((await text(saved[0]?.blob ?? new Blob())).split('\r\n')[1]?.startsWith('#date,#loc+name')).toBe(true);
    expect(hxl.textContent).toContain('The rows sum 1 movement record.');
    expect(within(hxl).getByText(/1 record that is not a movement/)).toBeTruthy();
    expect(within(hxl).getByText('How to read the HXL file')).toBeTruthy();
    const xlsx = await exportAs(/^Excel/);
    expect(saved[1]?.name.endsWith('.xlsx')).toBe(true);
    expect(saved[1]?.blob.size).toBeGreaterThan(1000);
    expect(xlsx.textContent).toContain('2 rows');
  });

  it('says so when the export fails, and saves nothing', async () => {
    const { save } = await setup('hq_analyst', [exportRecord()]);
    save.mockImplementation(() => {
      throw new Error('disk full');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect((await screen.findByRole('alert', {}, WAIT)).textContent).toBe('The export failed: disk full. Nothing was saved.');
  });

  it('cannot run when the list shows nothing', async () => {
    await setup('hq_analyst', [], 0);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Export' }).disabled).toBe(true);
    expect(screen.getByText('The list shows no observations: there is nothing to export.')).toBeTruthy();
  });
});

describe('export strings', () => {
  it('describe every column in the catalogue', () => {
    const keys = new Set(Object.keys(englishCatalogue));
    expect(columnDescriptionKeys().filter((key) => !keys.has(key))).toEqual([]);
  });

  it('make sheet names Excel accepts', () => {
    expect(sheetName('About: this [export]?')).toBe('About  this  export  ');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
  });
});

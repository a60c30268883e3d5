// @vitest-environment jsdom
import 'fake-indexeddb/auto';
// eslint-disable-next-line no-restricted-imports -- the test reads the committed fixture bytes; it runs under Vitest in Node
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import gazetteerCsv from '../../assets/places/route-places.csv?raw';
import { MAX_IMPORT_BYTES } from '../../shared/import/geojson-points';
import { parseGazetteerCsv } from '../../shared/places/gazetteer-csv';
import { ServicesContext } from '../app/services';
import type { AppServices } from '../app/services';
import { freshStore } from '../../test-support/renderer/store-test-fixtures';
import type { ObservationStore } from '../store/observation-store';
import { ImportScreen } from './import-screen';

afterEach(cleanup);

const { places } = parseGazetteerCsv(gazetteerCsv);
const fixture = (file: string): File => new File([new Uint8Array(readFileSync(`${import.meta.dirname}/../../tests/fixtures/import/${file}`))], file);

function renderScreen(store: ObservationStore = freshStore(() => Date.now())) {
  const services = { store, places, placesById: new Map(places.map((p) => [p.id, p])) } as unknown as AppServices;
  render(
    <ServicesContext.Provider value={services}>
      <ImportScreen />
    </ServicesContext.Provider>,
  );
  return store;
}

async function pick(file: File) {
  fireEvent.change(await screen.findByLabelText('File to import (CSV or GeoJSON)'), { target: { files: [file] } });
}

describe('the Import screen', () => {
  it('walks a Windows-1251 CSV from the file to the outcome, and the same file again adds nothing', async () => {
    const store = renderScreen();
    fireEvent.change(await screen.findByLabelText('Your name'), { target: { value: 'Jelena' } });
    fireEvent.change(screen.getByLabelText('Office code'), { target: { value: 'rs-bel' } });
    expect(screen.getByLabelText<HTMLInputElement>('Office code').value).toBe('RS-BEL');
    await pick(fixture('windows-1251.csv'));
    expect((await screen.findByTestId('import-detected')).textContent).toBe('Detected: windows-1251. If names look wrong in the preview, choose another.');
    expect(screen.getByLabelText<HTMLSelectElement>('Delimiter').value).toBe(';');
    expect(screen.getByTestId('import-preview').textContent).toContain('Прешево');
    expect(screen.getByLabelText<HTMLSelectElement>('Place name').value).toBe('Место');

    fireEvent.click(screen.getByRole('button', { name: 'Check rows' }));
    expect((await screen.findByTestId('import-report-ready')).textContent).toBe('3 records to import');
    expect(await store.db.observations.count()).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Import 3 records' }));
    const outcome = await screen.findByTestId('import-outcome');
    expect(within(outcome).getByText('Imported 3 records.')).toBeTruthy();
    expect(await store.db.observations.count()).toBe(3);
    expect(await store.pendingCount()).toBe(3);
    expect(await store.getMeta('profile')).toMatchObject({ author: 'Jelena', office: 'RS-BEL' });

    fireEvent.click(within(outcome).getByRole('button', { name: 'Import another file' }));
    await pick(fixture('windows-1251.csv'));
    fireEvent.click(await screen.findByRole('button', { name: 'Check rows' }));
    expect((await screen.findByTestId('import-report-present')).textContent).toBe('3 already imported (skipped)');
    expect(screen.getByTestId('import-nothing').textContent).toBe('Nothing to import.');
    expect(screen.queryByRole('button', { name: /^Import \d/ })).toBeNull();
  });

  it('reads the file again when the user changes the encoding, and a changed mapping asks for a new check', async () => {
    const store = freshStore(() => Date.now());
    await store.setMeta('profile', { author: 'Ana', office: 'RS-BEL' });
    renderScreen(store);
    expect((await screen.findByTestId('import-identity')).textContent).toBe('Imported records are recorded as Ana (RS-BEL).');
    await pick(fixture('windows-1250.csv'));
    expect((await screen.findByTestId('import-preview')).textContent).toContain('Šid');
    fireEvent.change(screen.getByLabelText('Encoding'), { target: { value: 'windows-1252' } });
    expect(screen.getByTestId('import-preview').textContent).toContain('Ðevðelija');
    fireEvent.change(screen.getByLabelText('Encoding'), { target: { value: 'windows-1250' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check rows' }));
    await screen.findByTestId('import-report');
    fireEvent.change(screen.getByLabelText('Persons'), { target: { value: '' } });
    expect(screen.queryByTestId('import-report')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Check rows' }));
    expect((await screen.findByTestId('import-report-rejected')).textContent).toBe('4 rows rejected');
    expect(within(screen.getByTestId('import-rejected')).getAllByText('The number of persons is empty.')).toHaveLength(4);
  });

  it('reads nationality words, lists the one it does not know to map or skip, and stores the codes', async () => {
    const store = freshStore(() => Date.now());
    await store.setMeta('profile', { author: 'Ana', office: 'RS-BEL' });
    renderScreen(store);
    const rows = [
      'Datum;Mesto;Broj osoba;Državljanstvo',
      '21.10.2015;Preševo;50;Sirijci',
      '21.10.2015;Šid;40;Авганистан',
      '22.10.2015;Preševo;30;bez državljanstva',
      '22.10.2015;Preševo;20;Kurdi',
      '23.10.2015;Preševo;10;Kurdi',
      '23.10.2015;Šid;5;Marsovac',
    ];
    await pick(new File([rows.join('\r\n')], 'nationalities.csv'));
    expect((await screen.findByLabelText<HTMLSelectElement>('Nationality')).value).toBe('Državljanstvo');
    fireEvent.click(screen.getByRole('button', { name: 'Check rows' }));
    const unmatched = await screen.findByTestId('import-unmatched-nationalities');
    expect(unmatched.textContent).toContain('Kurdi (2 rows)');
    expect(unmatched.textContent).toContain('Marsovac (1 row)');
    expect(screen.getByTestId('import-report-ready').textContent).toBe('3 records to import');
    expect(screen.getByTestId('import-report-unmatched-nationality').textContent).toBe('3 rows wait for their nationalities above');

    fireEvent.change(screen.getByLabelText('Nationality for “Kurdi”'), { target: { value: 'IRQ' } });
    fireEvent.change(screen.getByLabelText('Nationality for “Marsovac”'), { target: { value: '\u0000skip' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check again with these nationalities' }));
    expect((await screen.findByTestId('import-report-ready')).textContent).toBe('5 records to import');
    expect(screen.getByTestId('import-report-skipped-nationality').textContent).toBe('1 row of a skipped nationality');
    expect(screen.queryByTestId('import-unmatched-nationalities')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Import 5 records' }));
    await screen.findByTestId('import-outcome');
    const stored = await store.db.observations.toArray();
    expect(stored.map((r) => r.nationalities?.[0]?.code).sort()).toEqual(['AFG', 'IRQ', 'IRQ', 'SYR', 'XXA']);
  });

  it('says a too-long text rejects its row, without the form\'s "before submitting"', async () => {
    const store = freshStore(() => Date.now());
    await store.setMeta('profile', { author: 'Ana', office: 'RS-BEL' });
    renderScreen(store);
    const rows = ['Datum;Mesto;Broj osoba;Napomena', '21.10.2015;Preševo;50;short note', `22.10.2015;Šid;40;${'x'.repeat(2001)}`];
    await pick(new File([rows.join('\r\n')], 'long-note.csv'));
    expect((await screen.findByLabelText<HTMLSelectElement>('Summary')).value).toBe('Napomena');
    fireEvent.click(screen.getByRole('button', { name: 'Check rows' }));
    expect((await screen.findByTestId('import-report-rejected')).textContent).toBe('1 row rejected');
    const rejected = screen.getByTestId('import-rejected');
    expect(within(rejected).getByRole('row', { name: /^3 / }).textContent).toBe(
      '3Summary is too long: 2,001 characters, at most 2,000. The row is not imported, and nothing is cut: shorten the text in the file to import it.',
    );
    expect(rejected.textContent).not.toContain('before submitting');
    expect(screen.getByTestId('import-report-ready').textContent).toBe('1 record to import');
  });

  it('refuses a file over the size limit by its size, before reading it', async () => {
    renderScreen();
    const huge = new File(['x'], 'huge.csv');
    Object.defineProperty(huge, 'size', { value: MAX_IMPORT_BYTES + 1 });
    Object.defineProperty(huge, 'arrayBuffer', { value: () => Promise.reject(new Error('read although too large')) });
    await pick(huge);
    expect((await screen.findByTestId('import-refused')).textContent).toBe('This file is larger than 50 MB and was not read. Split it into smaller files.');
  });

  it('refuses GeoJSON nested too deep, and shows markup in a file as text', async () => {
    renderScreen();
    await pick(new File(['{"type":"FeatureCollection","features":' + '['.repeat(5000) + ']'.repeat(5000) + '}'], 'deep.geojson'));
    expect((await screen.findByTestId('import-refused')).textContent).toBe('This file is nested too deeply to be GeoJSON of points and was not read.');
    const hostile = '<img src=x onerror="window.__pwned=1">';
    await pick(new File([`date,place,persons\n2016-01-01,"${hostile.replaceAll('"', '""')}",4\n`], 'hostile.csv'));
    expect((await screen.findByTestId('import-preview')).textContent).toContain(hostile);
    expect(document.querySelector('img')).toBeNull();
  });
});

// @vitest-environment jsdom
/**
 * "Copy map as image" in jsdom: the picture itself is mocked (jsdom cannot draw; the
 * end-to-end test reads a real PNG back from Chromium's clipboard), the clipboard is a
 * fake that grants or refuses, and the fallback download is caught at the link's click.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reportMapImageStore } from '../../reports/report-map-image';
import { CopyMapButton } from './copy-map-button';
import { mapImageFileName } from './copy-map-image';
import type { MapSnapshot } from './map-snapshot';
import { snapshotMap } from './map-snapshot';

vi.mock('./map-snapshot', () => ({ snapshotMap: vi.fn(), SNAPSHOT_EXCLUDE_ATTRIBUTE: 'data-snapshot-exclude' }));

const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
const shot: MapSnapshot = { blob: png, width: 640, height: 400, pixelRatio: 2 };

class FakeClipboardItem {
  constructor(readonly items: Record<string, Promise<Blob>>) {}
}

let written: Blob[];
let downloads: string[];
let mapElement: HTMLElement;

function useClipboard(write: ((items: FakeClipboardItem[]) => Promise<void>) | undefined): void {
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: write === undefined ? undefined : { write },
  });
}

const granted = async (items: FakeClipboardItem[]): Promise<void> => {
  const blob = await items[0]?.items['image/png'];
  if (blob) written.push(blob);
};
const refused = (): Promise<void> => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));

beforeEach(() => {
  written = [];
  downloads = [];
  mapElement = document.createElement('div');
  vi.stubGlobal('ClipboardItem', FakeClipboardItem);
  let next = 0;
  URL.createObjectURL = vi.fn(() => `blob:test/${(next += 1)}`);
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push(this.download);
  });
  vi.mocked(snapshotMap).mockReset().mockResolvedValue(shot);
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-27T09:15:30Z') });
  act(() => {
    reportMapImageStore.set(null);
  });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function button(): HTMLButtonElement {
  return screen.getByRole<HTMLButtonElement>('button', { name: 'Copy map as image' });
}

async function pressCopy(): Promise<HTMLElement> {
  render(<CopyMapButton getMap={() => mapElement} />);
  fireEvent.click(screen.getByRole('button', { name: 'Copy map as image' }));
  const status = screen.getByRole('status');
  await waitFor(() => {
    expect(button().disabled).toBe(false);
  });
  return status;
}

describe('CopyMapButton', () => {
  it('copies the PNG to the clipboard, says so, and hands it to the report', async () => {
    useClipboard(granted);
    const status = await pressCopy();
    expect(status.textContent).toContain('Map copied as image.');
    expect(written).toEqual([png]);
    expect(downloads).toEqual([]);
    expect(snapshotMap).toHaveBeenCalledWith(mapElement);
    expect(reportMapImageStore.get()).toMatchObject({
      blob: png,
      width: 640,
      height: 400,
      takenAt: '2026-11-27T09:15:30.000Z',
    });
  });

  it('saves the PNG as a file when the clipboard refuses, and says so', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    useClipboard(refused);
    const status = await pressCopy();
    const fileName = mapImageFileName(new Date('2026-11-27T09:15:30Z'));
    expect(fileName).toBe('routewatch-map-2026-11-27-0915.png');
    expect(downloads).toEqual([fileName]);
    expect(status.textContent).toContain(`The clipboard did not accept the image, so it was saved as the file ${fileName}.`);
    expect(written).toEqual([]);
    expect(reportMapImageStore.get()?.blob).toBe(png);
  });

  it('saves the PNG as a file where the page has no clipboard at all', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    useClipboard(undefined);
    const status = await pressCopy();
    expect(downloads).toEqual(['routewatch-map-2026-11-27-0915.png']);
    expect(status.textContent).toContain('saved as the file');
  });

  it('explains a failed picture, copies nothing and keeps nothing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    useClipboard(granted);
    vi.mocked(snapshotMap).mockRejectedValue(new Error('canvas too large'));
    const status = await pressCopy();
    expect(status.textContent).toContain('The map could not be made into an image. Nothing was copied.');
    expect(written).toEqual([]);
    expect(downloads).toEqual([]);
    expect(reportMapImageStore.get()).toBeNull();
  });

  it('says the map is not ready when there is no map yet', () => {
    useClipboard(granted);
    render(<CopyMapButton getMap={() => null} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy map as image' }));
    expect(screen.getByRole('status').textContent).toContain('The map is not ready yet');
    expect(snapshotMap).not.toHaveBeenCalled();
  });

  it('starts the clipboard write in the click itself, before the picture is ready', () => {
    const write = vi.fn(granted);
    useClipboard(write);
    vi.mocked(snapshotMap).mockReturnValue(new Promise<MapSnapshot>(() => undefined));
    render(<CopyMapButton getMap={() => mapElement} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy map as image' }));
    expect(write).toHaveBeenCalledTimes(1);
    expect(button().disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toContain('Making the image');
  });

  it('is left out of the picture when it sits on the map', () => {
    render(<CopyMapButton getMap={() => mapElement} />);
    expect(screen.getByRole('button', { name: 'Copy map as image' }).closest('[data-snapshot-exclude]')).not.toBeNull();
  });
});

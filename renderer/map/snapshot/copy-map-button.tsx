import './copy-map-button.css';
import type L from 'leaflet';
import { useState } from 'react';
import { t } from '../../i18n/i18n';
import { reportMapImageStore } from '../../reports/report-map-image';
import type { CopyEffects, CopyOutcome } from './copy-map-image';
import { copyMapImage, downloadBlob } from './copy-map-image';
import { SNAPSHOT_EXCLUDE_ATTRIBUTE, snapshotMap } from './map-snapshot';

export interface CopyMapButtonProps {
  /**
   * The map to picture, read at the click: the Leaflet map, or its container element
   * (`.rw-map`, the element RouteMap renders). Null while there is none yet.
   */
  getMap: () => L.Map | HTMLElement | null;
  className?: string;
  /** The clipboard, download and report hand-over; the browser's by default (tests pass fakes). */
  effects?: CopyEffects;
}

/** The browser's clipboard, a download link and the session's report map image. */
export function browserCopyEffects(): CopyEffects {
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
  return {
    clipboard,
    makeClipboardItem:
      typeof ClipboardItem === 'undefined' ? undefined : (items) => new ClipboardItem(items),
    download: downloadBlob,
    keep: (image) => {
      reportMapImageStore.set(image);
    },
    now: () => new Date(),
  };
}

type Status = { tone: 'done' | 'error'; text: string };

function statusOf(outcome: CopyOutcome): Status {
  switch (outcome.kind) {
    case 'copied':
      return { tone: 'done', text: t('map.copy.copied') };
    case 'downloaded':
      return { tone: 'done', text: t('map.copy.downloaded', { fileName: outcome.fileName }) };
    case 'failed':
      return { tone: 'error', text: t('map.copy.failed') };
  }
}

/**
 * "Copy map as image": puts a PNG of the map as it is on screen on the clipboard (a
 * file when the clipboard refuses) and hands it to the situation report. Carries
 * SNAPSHOT_EXCLUDE_ATTRIBUTE, so it may sit over the map without being in the picture.
 */
export function CopyMapButton({ getMap, className, effects }: CopyMapButtonProps) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);

  function copy(): void {
    const map = getMap();
    if (map === null) {
      setStatus({ tone: 'error', text: t('map.copy.noMap') });
      return;
    }
    setBusy(true);
    setStatus(null);
    // Called in the click's own task: the clipboard write must start while the click is fresh.
    void copyMapImage(() => snapshotMap(map), effects ?? browserCopyEffects()).then((outcome) => {
      if (outcome.kind === 'failed') console.error('Copy map as image failed', outcome.error);
      if (outcome.kind === 'downloaded') console.warn('The clipboard refused the map image', outcome.clipboardError);
      setStatus(statusOf(outcome));
      setBusy(false);
    });
  }

  const attributes = { [SNAPSHOT_EXCLUDE_ATTRIBUTE]: '' };
  return (
    <div className={className === undefined ? 'rw-copy-map' : `rw-copy-map ${className}`} {...attributes}>
      <button type="button" className="secondary" onClick={copy} disabled={busy} aria-busy={busy}>
        {t('map.copy.button')}
      </button>
      <p role="status" className={`rw-copy-map-status rw-copy-map-status-${status?.tone ?? 'none'}`}>
        {busy ? t('map.copy.working') : (status?.text ?? '')}
      </p>
    </div>
  );
}

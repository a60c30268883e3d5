/**
 * "Export waiting changes": every change the server has not accepted, pending and
 * refused, as one JSON file a person can hand to headquarters when the device cannot
 * sync (revoked, or a change keeps being refused).
 */
import { downloadBlob } from '../map/snapshot/copy-map-image';
import type { AttentionStore } from './attention-types';

/** Saves a file the user keeps. `<a download>` works in web mode and in Electron (its default download asks where to save). */
export type SaveFile = (blob: Blob, fileName: string) => void;

export const saveWithDownload: SaveFile = downloadBlob;

export interface ExportOutcome {
  fileName: string;
  pending: number;
  attention: number;
}

/** `routewatch-waiting-changes-2026-12-04T23-40-00Z.json`: sortable, and legal on every file system. */
export function exportFileName(exportedAt: string): string {
  return `routewatch-waiting-changes-${exportedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-')}.json`;
}

export async function exportWaitingChanges(store: AttentionStore, save: SaveFile): Promise<ExportOutcome> {
  const data = await store.exportWaiting();
  const fileName = exportFileName(data.exportedAt);
  save(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), fileName);
  return { fileName, pending: data.pending.length, attention: data.attention.length };
}

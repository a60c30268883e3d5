/**
 * 'tiles:setSource': the renderer asks main to add or change a tile source (the user
 * added their office's tile server in Settings). Main is the authority on what it fetches
 * from (main/settings/shell-settings.ts): it validates the source with the shared schema,
 * never lets a built-in id be redefined, caps the count, and lets a source reach private,
 * loopback or link-local addresses only when the user agrees in a native dialog, which
 * a compromised page cannot answer for them.
 */
import type { IpcResponse, IpcResult } from '../../../shared/ipc/contract';
import { isBuiltInSourceId } from '../../../shared/tiles/tile-source';
import { MAX_CONFIGURED_TILE_SOURCES, templateHost, type ConfiguredTileSource, type ShellSettings } from '../../settings/shell-settings';
import type { IpcRequestData } from '../ipc-call';

export interface TileSourceEffects {
  readonly settings: Pick<ShellSettings, 'tileSource' | 'saveTileSource' | 'configuredTileSourceCount'>;
  /** Asks the user (native dialog) whether the source may use their local network; true only on "Allow". */
  readonly confirmPrivateSource: (sourceName: string, host: string) => Promise<boolean>;
}

const sameSource = (a: ConfiguredTileSource, b: ConfiguredTileSource): boolean => JSON.stringify(a) === JSON.stringify(b);

export async function setTileSource(
  request: IpcRequestData<'tiles:setSource'>,
  effects: TileSourceEffects,
): Promise<IpcResult<IpcResponse<'tiles:setSource'>>> {
  const wanted: ConfiguredTileSource = { source: request.source, allowPrivateAddresses: request.allowPrivateAddresses };
  if (isBuiltInSourceId(wanted.source.id)) return { ok: false, error: { code: 'refused' } };
  const host = templateHost(wanted.source);
  if (host === null) return { ok: false, error: { code: 'refused' } };

  const existing = effects.settings.tileSource(wanted.source.id);
  if (existing !== undefined && sameSource(existing, wanted)) return { ok: true, data: {} };
  if (existing === undefined && effects.settings.configuredTileSourceCount() >= MAX_CONFIGURED_TILE_SOURCES) {
    return { ok: false, error: { code: 'refused' } };
  }
  // The user's agreement covers one host: a changed template host asks again.
  const agreed = existing?.allowPrivateAddresses === true && templateHost(existing.source) === host;
  if (wanted.allowPrivateAddresses && !agreed && !(await effects.confirmPrivateSource(wanted.source.name, host))) {
    return { ok: false, error: { code: 'refused' } };
  }
  await effects.settings.saveTileSource(wanted);
  return { ok: true, data: {} };
}

/**
 * One native question at a time: while a dialog is open, further requests are answered
 * "no" at once, so a page cannot stack dialogs until the user clicks through one.
 */
export function oneQuestionAtATime<A extends unknown[]>(ask: (...args: A) => Promise<boolean>): (...args: A) => Promise<boolean> {
  let open = false;
  return async (...args) => {
    if (open) return false;
    open = true;
    try {
      return await ask(...args);
    } finally {
      open = false;
    }
  };
}

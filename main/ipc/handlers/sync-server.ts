/**
 * 'shell:setSyncServer': the renderer tells main which sync server the device is
 * enrolled with (after enrolment, and before each sync round, so a device enrolled
 * before this existed tells it too). Main keeps its origin, and the page's CSP lists it
 * in connect-src from the next response on (protocol/page-policy.ts, asked per response
 * by protocol/serve-renderer.ts). Only an https origin, or http on loopback, is accepted;
 * replacing a known server needs the user's answer in a native dialog, so a compromised
 * page cannot widen the CSP to its own host.
 *
 * A page's policy is fixed when it loads, so after a switch the open page could still
 * reach only the old server: main reloads it (`reloading: true`), and the reloaded page,
 * with the new policy, talks to the new server. No restart of the app is needed. The
 * first server (the open policy of an unenrolled device already allowed it) and the same
 * server again change nothing in the page.
 */
import type { IpcResponse, IpcResult } from '../../../shared/ipc/contract';
import { syncServerOrigin, type ShellSettings } from '../../settings/shell-settings';
import type { IpcRequestData } from '../ipc-call';

export interface SyncServerEffects {
  readonly settings: Pick<ShellSettings, 'syncServerOrigin' | 'saveSyncServerOrigin'>;
  /** Asks the user (native dialog) whether to switch servers; true only on "Switch". */
  readonly confirmServerChange: (from: string, to: string) => Promise<boolean>;
  /** Reloads the asking page once this answer has gone out (its new load gets the new policy). */
  readonly reloadPage: () => void;
}

export async function setSyncServer(
  request: IpcRequestData<'shell:setSyncServer'>,
  effects: SyncServerEffects,
): Promise<IpcResult<IpcResponse<'shell:setSyncServer'>>> {
  const origin = syncServerOrigin(request.url);
  if (origin === null) return { ok: false, error: { code: 'refused' } };
  const current = effects.settings.syncServerOrigin;
  if (current === origin) return { ok: true, data: { reloading: false } };
  if (current !== null && !(await effects.confirmServerChange(current, origin))) return { ok: false, error: { code: 'refused' } };
  await effects.settings.saveSyncServerOrigin(origin);
  if (current === null) return { ok: true, data: { reloading: false } };
  effects.reloadPage();
  return { ok: true, data: { reloading: true } };
}

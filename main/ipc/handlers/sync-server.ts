/**
 * 'shell:setSyncServer' and 'shell:syncServerSwitch': which sync server the page may
 * connect to. Main keeps its origin, and the page's CSP lists it in connect-src from the
 * next response on (protocol/page-policy.ts, asked per response by
 * protocol/serve-renderer.ts). Only an https origin, or http on loopback, is accepted.
 *
 * The renderer tells main the server for one of two purposes:
 * - `enrolled`: the server the device is enrolled with (after enrolment, before each sync
 *   round). Main takes it when it knows none (a device enrolled before main kept one) and
 *   otherwise only compares: it NEVER asks the person here. A device still enrolled with a
 *   server the person moved away from (a switch waiting for the new server's code) would
 *   otherwise be asked at every round to switch back, and reloaded in the middle of one.
 * - `switch`: the server the person is about to enrol with (the enrol button). Replacing a
 *   known server needs the person's answer in a native dialog, so a compromised page cannot
 *   widen the CSP to its own host; the dialog comes only from this purpose.
 *
 * A page's policy is fixed when it loads, so after a switch the open page can still reach
 * only the old server: the answer says `reloadNeeded`, and the page reloads itself once no
 * sync round runs (renderer/settings/reload-between-rounds.ts). Main does not reload it: a
 * reload from here raced whatever the page was doing with the answer. The switch is kept
 * here BEFORE the answer goes out (`shell:syncServerSwitch`), so the reloaded page learns
 * of it from main, whenever it reloads; it ends when the device announces the new server
 * as enrolled, or another switch replaces it. In memory: after a restart the form simply
 * offers the device's server again, and main's stored server stands.
 */
import type { IpcResponse, IpcResult } from '../../../shared/ipc/contract';
import { syncServerOrigin, type ShellSettings } from '../../settings/shell-settings';
import type { IpcRequestData } from '../ipc-call';

/** The switch the person allowed and the device has not yet enrolled for: the address as typed, and its origin. */
export class PendingServerSwitch {
  private pending: { readonly url: string; readonly origin: string } | null = null;

  get url(): string | null {
    return this.pending?.url ?? null;
  }

  start(url: string, origin: string): void {
    this.pending = { url, origin };
  }

  /** The device announced `origin` as the server it is enrolled with: a switch to it is complete. */
  enrolledWith(origin: string): void {
    if (this.pending?.origin === origin) this.pending = null;
  }
}

export interface SyncServerEffects {
  readonly settings: Pick<ShellSettings, 'syncServerOrigin' | 'saveSyncServerOrigin'>;
  /** Asks the user (native dialog) whether to switch servers; true only on "Switch". */
  readonly confirmServerChange: (from: string, to: string) => Promise<boolean>;
  readonly pendingSwitch: PendingServerSwitch;
}

const refused = { ok: false, error: { code: 'refused' } } as const;
const kept = { ok: true, data: { reloadNeeded: false } } as const;

export async function setSyncServer(
  request: IpcRequestData<'shell:setSyncServer'>,
  effects: SyncServerEffects,
): Promise<IpcResult<IpcResponse<'shell:setSyncServer'>>> {
  const origin = syncServerOrigin(request.url);
  if (origin === null) return refused;
  const current = effects.settings.syncServerOrigin;

  if (request.purpose === 'enrolled') {
    if (current === null) {
      // The open policy of a device main knew no server for already allowed it: no reload.
      await effects.settings.saveSyncServerOrigin(origin);
      return kept;
    }
    if (current !== origin) return refused;
    effects.pendingSwitch.enrolledWith(origin);
    return kept;
  }

  // The first server is taken when the device is enrolled with it, not before: a mistyped
  // address must not narrow the policy to itself. Until then the open policy allows it.
  if (current === null || current === origin) return kept;
  if (!(await effects.confirmServerChange(current, origin))) return refused;
  await effects.settings.saveSyncServerOrigin(origin);
  // Kept before the answer goes out: a page reloaded at any moment after it finds the switch.
  effects.pendingSwitch.start(new URL(request.url).href, origin);
  return { ok: true, data: { reloadNeeded: true } };
}

export function syncServerSwitch(
  _request: IpcRequestData<'shell:syncServerSwitch'>,
  effects: Pick<SyncServerEffects, 'pendingSwitch'>,
): Promise<IpcResult<IpcResponse<'shell:syncServerSwitch'>>> {
  return Promise.resolve({ ok: true, data: { switchingTo: effects.pendingSwitch.url } });
}

import type { IpcResponse, IpcResult } from '../../../shared/ipc/contract';
import type { IpcRequestData } from '../ipc-call';

/** What 'app:info' reads from the running app. */
export interface AppInfoEffects {
  /** `app.getVersion()`: the version in package.json. */
  readonly version: string;
  /** `process.platform`. */
  readonly platform: string;
}

/** 'app:info': the app's version and the OS platform, for the About screen and bug reports. */
export function appInfo(_request: IpcRequestData<'app:info'>, effects: AppInfoEffects): IpcResult<IpcResponse<'app:info'>> {
  return { ok: true, data: { version: effects.version, platform: effects.platform } };
}

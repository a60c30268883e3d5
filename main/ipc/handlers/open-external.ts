import type { IpcResponse, IpcResult } from '../../../shared/ipc/contract';
import { externalHttpsUrl } from '../../security/navigation-policy';
import type { IpcRequestData } from '../ipc-call';

export interface OpenExternalEffects {
  /** `shell.openExternal`: hands the URL to the system browser. */
  readonly openExternal: (url: string) => Promise<void>;
}

/**
 * 'shell:openExternal': opens an https link in the system browser. Why so narrow:
 * `shell.openExternal` runs whatever the OS associates with a scheme (`file:` opens
 * executables, `ms-msdt:` ran code on Windows), so anything but a parsed https URL
 * without credentials is refused.
 */
export async function openExternal(
  request: IpcRequestData<'shell:openExternal'>,
  effects: OpenExternalEffects,
): Promise<IpcResult<IpcResponse<'shell:openExternal'>>> {
  const url = externalHttpsUrl(request.url);
  if (url === null) return { ok: false, error: { code: 'refused' } };
  await effects.openExternal(url);
  return { ok: true, data: {} };
}

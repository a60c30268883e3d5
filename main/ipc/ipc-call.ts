/**
 * Everything `handleIpc` does except talking to Electron: who may call, what they may
 * send, and turning any outcome into an IpcResult. Plain functions, so tests need no
 * Electron.
 */
import type { z } from '../../shared/schema/zod';
import {
  ipcContract,
  type IpcChannel,
  type IpcContract,
  type IpcErrorCode,
  type IpcResponse,
  type IpcResult,
} from '../../shared/ipc/contract';
import { isAppUrl } from '../protocol/app-origin';

/** What we know about the frame that sent an IPC message; null once it is gone. */
export interface SenderFrameInfo {
  readonly url: string;
  /** True for the top frame of its page, false for any iframe. */
  readonly isMainFrame: boolean;
}

/** A request after parsing: defaults applied, unknown keys rejected. */
export type IpcRequestData<C extends IpcChannel> = z.output<IpcContract[C]['request']>;

/**
 * A handler: parsed request in, result value out. Expected failures are returned
 * (`{ ok: false, error: { code: 'refused' } }`); a throw means a bug or an I/O fault
 * and reaches the renderer as `failed`.
 */
export type IpcHandler<C extends IpcChannel, Effects> = (
  request: IpcRequestData<C>,
  effects: Effects,
) => IpcResult<IpcResponse<C>> | Promise<IpcResult<IpcResponse<C>>>;

/** Result of the checks made before any handler runs. */
export type IpcCallCheck<C extends IpcChannel> =
  | { ok: true; request: IpcRequestData<C> }
  | { ok: false; error: { code: IpcErrorCode } };

/**
 * Only the main frame of our own page may call main. Why both conditions: an iframe
 * (even one on our origin, e.g. a sandboxed report preview) or a page that somehow
 * navigated elsewhere gets the preload's bridge too, and must not reach the handlers.
 */
export function isTrustedSender(frame: SenderFrameInfo | null): boolean {
  return frame !== null && frame.isMainFrame && isAppUrl(frame.url);
}

/**
 * Checks the sender, then parses the payload with the channel's request schema.
 * `args` is everything after the event: the bridge sends exactly one argument.
 */
export function checkIpcCall<C extends IpcChannel>(channel: C, frame: SenderFrameInfo | null, args: readonly unknown[]): IpcCallCheck<C> {
  if (!isTrustedSender(frame)) return { ok: false, error: { code: 'forbidden_sender' } };
  if (args.length !== 1) return { ok: false, error: { code: 'invalid_request' } };
  const schema: z.ZodType = ipcContract[channel].request;
  const parsed = schema.safeParse(args[0]);
  // Why the cast: indexing the contract with a generic channel loses which schema it
  // is; the value was just parsed by exactly IpcContract[C]['request'].
  return parsed.success ? { ok: true, request: parsed.data as IpcRequestData<C> } : { ok: false, error: { code: 'invalid_request' } };
}

/** Called when a handler throws or returns data its response schema rejects. */
export type IpcFailureReporter = (channel: IpcChannel, error: unknown) => void;

/**
 * Runs one IPC call end to end and never throws: check, handle, validate the response.
 * A response that fails its schema is reported as `failed`, not sent, so a handler
 * bug cannot leak unexpected data to the renderer.
 */
export async function runIpcCall<C extends IpcChannel, Effects>(
  channel: C,
  frame: SenderFrameInfo | null,
  args: readonly unknown[],
  handler: IpcHandler<C, Effects>,
  effects: () => Effects,
  reportFailure: IpcFailureReporter,
): Promise<IpcResult<IpcResponse<C>>> {
  const check = checkIpcCall(channel, frame, args);
  if (!check.ok) return { ok: false, error: check.error };

  let result: IpcResult<IpcResponse<C>>;
  try {
    result = await handler(check.request, effects());
  } catch (error) {
    reportFailure(channel, error);
    return { ok: false, error: { code: 'failed' } };
  }
  if (!result.ok) return { ok: false, error: { code: result.error.code } };

  const responseSchema: z.ZodType = ipcContract[channel].response;
  const response = responseSchema.safeParse(result.data);
  if (!response.success) {
    reportFailure(channel, response.error);
    return { ok: false, error: { code: 'failed' } };
  }
  return { ok: true, data: response.data as IpcResponse<C> }; // Same reason as in checkIpcCall.
}

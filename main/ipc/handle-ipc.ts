/**
 * The only file that touches `ipcMain` (lint bans it elsewhere). Every IPC handler is
 * registered through `handleIpc`, which checks the sender, parses the payload with the
 * contract's schema, runs the handler and answers with an IpcResult: see ipc-call.ts,
 * which holds all of that as plain functions.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { IpcChannel } from '../../shared/ipc/contract';
import { runIpcCall, type IpcHandler, type SenderFrameInfo } from './ipc-call';

/**
 * The sending frame as ipc-call.ts sees it; null when it has navigated away or been
 * destroyed since sending (reading a destroyed frame can throw).
 */
function senderFrameOf(event: IpcMainInvokeEvent): SenderFrameInfo | null {
  try {
    const frame = event.senderFrame;
    if (frame === null || frame.isDestroyed() || frame.detached) return null;
    return { url: frame.url, isMainFrame: frame.parent === null };
  } catch {
    return null;
  }
}

function reportFailure(channel: IpcChannel, error: unknown): void {
  console.error(`[ipc] ${channel} failed:`, error);
}

/**
 * Registers `handler` for `channel`. `effects` builds the handler's effects for the
 * calling window (e.g. printing *its* page, parenting a dialog to it); it runs only
 * after the sender and the payload passed their checks.
 */
export function handleIpc<C extends IpcChannel, Effects>(
  channel: C,
  handler: IpcHandler<C, Effects>,
  effects: (sender: WebContents) => Effects,
): void {
  ipcMain.handle(channel, (event, ...args: unknown[]) =>
    runIpcCall(channel, senderFrameOf(event), args, handler, () => effects(event.sender), reportFailure),
  );
}

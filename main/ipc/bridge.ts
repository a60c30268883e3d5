/**
 * The renderer's bridge, built from the contract's channel list: one function per
 * channel, each sending its request on that channel and nothing else. Lives apart
 * from preload.cts so tests can build it without Electron; the preload bundles it.
 */
import { IPC_CHANNELS } from '../../shared/ipc/channels';
import type { IpcChannel, IpcRequest, IpcResponse, IpcResult } from '../../shared/ipc/contract';

/** `ipcRenderer.invoke`, narrowed to our channels and a single request argument. */
export type BridgeInvoke = (channel: IpcChannel, request: unknown) => Promise<unknown>;

/** The bridge function of one channel. */
export type BridgeFunction<C extends IpcChannel> = (request: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>>;

function bridgeFunction<C extends IpcChannel>(channel: C, invoke: BridgeInvoke): BridgeFunction<C> {
  // Why the cast: main answers every call with IpcResult<IpcResponse<C>>, after parsing
  // the request and validating the response (main/ipc/ipc-call.ts); IPC itself is untyped.
  return (request) => invoke(channel, request) as Promise<IpcResult<IpcResponse<C>>>;
}

/** Builds the object exposed as `window.routewatch`: exactly the contract's channels, frozen. */
export function buildBridge(invoke: BridgeInvoke): { readonly [C in IpcChannel]: BridgeFunction<C> } {
  const entries = IPC_CHANNELS.map((channel) => [channel, bridgeFunction(channel, invoke)] as const);
  // Why the cast: Object.fromEntries forgets which key holds which function. Each entry
  // pairs a channel with the function for that same channel, for every channel.
  return Object.freeze(Object.fromEntries(entries)) as { readonly [C in IpcChannel]: BridgeFunction<C> };
}

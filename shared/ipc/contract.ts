/**
 * The IPC contract between the renderer (through the preload bridge) and Electron main:
 * channel -> request schema -> response schema. Main parses every request with these
 * schemas before a handler sees it; the preload builds the bridge from the channel list.
 */
import { z } from '../schema/zod';

export const ipcContract = {
  'app:info': {
    request: z.object({}).strict(),
    response: z.object({ version: z.string(), platform: z.string() }),
  },
  /** Print the calling window (the report page) to PDF and save it where the user chooses. */
  'report:savePdf': {
    request: z
      .object({
        suggestedName: z
          .string()
          .min(1)
          .max(120)
          .regex(/^[\w .()-]+\.pdf$/, 'a plain file name ending in .pdf'),
      })
      .strict(),
    response: z.object({ saved: z.boolean(), path: z.string().nullable() }),
  },
  /** Open an https link in the system browser; anything else is refused. */
  'shell:openExternal': {
    request: z.object({ url: z.string().max(2048) }).strict(),
    response: z.object({}).strict(),
  },
} as const;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export const IPC_CHANNELS = Object.keys(ipcContract) as IpcChannel[];

export type IpcRequest<C extends IpcChannel> = z.input<IpcContract[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.output<IpcContract[C]['response']>;

/** Expected failures travel as values; only bugs throw. */
export const IPC_ERROR_CODES = ['invalid_request', 'forbidden_sender', 'refused', 'failed'] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: { code: IpcErrorCode } };

/** What the preload exposes as `window.routewatch`: one function per channel. */
export type RoutewatchBridge = {
  readonly [C in IpcChannel]: (request: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>>;
};

/** Name of the global the preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'routewatch';

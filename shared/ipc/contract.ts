/**
 * The IPC contract between the renderer (through the preload bridge) and Electron main:
 * channel -> request schema -> response schema. Main parses every request with these
 * schemas before a handler sees it; the preload builds the bridge from the channel list.
 */
import { z } from '../schema/zod';
import {
  protectedTilesSchema,
  TILE_BATCH_MAX,
  TILE_LOAD_OUTCOMES,
  tileCoordSchema,
  tileSourceIdSchema,
  viewedTilesUsageSchema,
} from '../tiles/tile-cache-contract';
import { tileSourceSchema } from '../tiles/tile-source';
import type { IpcChannel } from './channels';
import { PAPER_SIZES } from '../reports/pdf-page';

export { BRIDGE_GLOBAL, IPC_CHANNELS } from './channels';
export type { IpcChannel } from './channels';

/** The keychain channels carry a key (32 bytes) or its protected form: a few hundred bytes at most. */
export const KEYCHAIN_MAX_BYTES = 1024;

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
        paper: z.enum(PAPER_SIZES),
        /** The header's and footer's words (shared/reports/pdf-page.ts escapes them: they are text, not markup). */
        classification: z.string().min(1).max(60),
        title: z.string().max(200),
        pageOf: z.string().max(80),
        /** "TRAINING" on every page of a training report. */
        watermark: z.string().min(1).max(40).optional(),
      })
      .strict(),
    response: z.object({ saved: z.boolean(), path: z.string().nullable() }),
  },
  /** Open an https link in the system browser; anything else is refused. */
  'shell:openExternal': {
    request: z.object({ url: z.string().max(2048) }).strict(),
    response: z.object({}).strict(),
  },
  /**
   * Add or change a user-added tile source main may fetch from. `allowPrivateAddresses`:
   * its host may be on a private network (main asks the user first). Refused for
   * built-in ids, over the cap, or when the user says no.
   */
  'tiles:setSource': {
    request: z.object({ source: tileSourceSchema, allowPrivateAddresses: z.boolean() }).strict(),
    response: z.object({}).strict(),
  },
  /**
   * The sync server, told to main (main/ipc/handlers/sync-server.ts). `enrolled`: the one
   * the device is enrolled with (after enrolment, before each round); main takes it when it
   * knows none, and never asks the person about it. `switch`: the one the person is about
   * to enrol with; replacing a known server takes the person's answer in a native dialog.
   * `reloadNeeded`: main took a new server, and the page's policy (fixed at load) names the
   * old one: the page reloads itself to reach it. Main never reloads the page.
   */
  'shell:setSyncServer': {
    request: z.object({ url: z.string().max(2048), purpose: z.enum(['enrolled', 'switch']) }).strict(),
    response: z.object({ reloadNeeded: z.boolean() }).strict(),
  },
  /**
   * The server a switch the person allowed waits to be enrolled with (the address as
   * typed), or null: kept by main from before its answer to the switch until the device
   * announces it as enrolled, so a reloaded page can say so.
   */
  'shell:syncServerSwitch': {
    request: z.object({}).strict(),
    response: z.object({ switchingTo: z.string().max(2048).nullable() }).strict(),
  },
  /**
   * One map tile from the tile cache on disk; when it is not there (or old) and `network`
   * is true, from the network: main builds the URL itself from the source it is configured
   * with (`tiles:setSource`) and the tile, fetches it, then stores it. `network` false:
   * the cache only.
   */
  'tiles:load': {
    request: z.object({ sourceId: tileSourceIdSchema, tile: tileCoordSchema, network: z.boolean() }).strict(),
    response: z.object({
      outcome: z.enum(TILE_LOAD_OUTCOMES),
      bytes: z.instanceof(Uint8Array).nullable(),
    }),
  },
  /** The size on disk of each tile (null when not cached), in the order asked. */
  'tiles:stat': {
    request: z.object({ sourceId: tileSourceIdSchema, tiles: z.array(tileCoordSchema).max(TILE_BATCH_MAX) }).strict(),
    response: z.object({ sizes: z.array(z.number().int().min(0).nullable()) }),
  },
  /** Remove tiles from the cache on disk (a deleted saved area); returns how many were there. */
  'tiles:delete': {
    request: z.object({ sourceId: tileSourceIdSchema, tiles: z.array(tileCoordSchema).max(TILE_BATCH_MAX) }).strict(),
    response: z.object({ deleted: z.number().int().min(0) }),
  },
  /** Count and bytes of the viewed-tile cache: every cached tile outside `protect` (the saved areas). */
  'tiles:viewedUsage': {
    request: z.object({ protect: protectedTilesSchema }).strict(),
    response: viewedTilesUsageSchema,
  },
  /**
   * When the viewed tiles (never those in `protect`) take more than `maxBytes`, remove
   * them oldest stored first until the rest take at most `targetBytes` (default
   * `maxBytes`); 0 clears them all. Returns what went and what is left.
   */
  'tiles:trimViewed': {
    request: z
      .object({
        protect: protectedTilesSchema,
        maxBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        targetBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      })
      .strict(),
    response: z.object({ removed: viewedTilesUsageSchema, left: viewedTilesUsageSchema }).strict(),
  },
  /**
   * Whether the OS keychain behind `safeStorage` is real (false on Linux's `basic_text`
   * fallback, whose "encryption" uses a key written in Chromium's source: the
   * passphrase is then required), and protect/unprotect the data key's bytes with it
   * (renderer/lock/key-vault.ts). Protect is refused where the keychain is not real.
   */
  'keychain:status': {
    request: z.object({}).strict(),
    response: z.object({ real: z.boolean() }).strict(),
  },
  'keychain:protect': {
    request: z.object({ bytes: z.instanceof(Uint8Array).refine((b) => b.length >= 1 && b.length <= KEYCHAIN_MAX_BYTES) }).strict(),
    response: z.object({ bytes: z.instanceof(Uint8Array) }).strict(),
  },
  'keychain:unprotect': {
    request: z.object({ bytes: z.instanceof(Uint8Array).refine((b) => b.length >= 1 && b.length <= KEYCHAIN_MAX_BYTES) }).strict(),
    response: z.object({ bytes: z.instanceof(Uint8Array) }).strict(),
  },
} as const satisfies Record<IpcChannel, { request: z.ZodType; response: z.ZodType }>;

export type IpcContract = typeof ipcContract;
// Compile-time check that the contract has no channel beyond the name list
// (`satisfies` above checks the other direction).
type ExtraChannels = Exclude<keyof IpcContract, IpcChannel>;
export const CONTRACT_MATCHES_CHANNELS: [ExtraChannels] extends [never] ? true : never = true;

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

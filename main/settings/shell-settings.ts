/**
 * What main itself is configured with, and the authority for it: the tile sources main
 * may fetch from and the sync server the page may connect to (the CSP's connect-src).
 * Kept in `<userData>/shell-settings.json`, written only by main. The renderer may ask
 * to add or change an entry through a validated IPC call (ipc/handlers/tile-sources.ts,
 * ipc/handlers/sync-server.ts); widening what main reaches (a private-network tile
 * source, a different sync server) needs the user's answer in a native dialog, which
 * the page cannot click for them.
 */
import { z } from '../../shared/schema/zod';
import { isPolicyOrigin } from '../../shared/security/content-security-policy';
import { BUILT_IN_TILE_SOURCES, tileSourceSchema, type TileSource } from '../../shared/tiles/tile-source';

/** A tile source as main keeps it: the source, and whether it may be on a private network. */
export const configuredTileSourceSchema = z
  .object({
    source: tileSourceSchema,
    /**
     * The source's host may resolve to loopback, private or link-local addresses (an
     * office tile server on the LAN). Off for every source unless the user agreed.
     */
    allowPrivateAddresses: z.boolean(),
  })
  .strict();
export type ConfiguredTileSource = z.output<typeof configuredTileSourceSchema>;

/** How many user-added sources main keeps: a page cannot grow the file without bound. */
export const MAX_CONFIGURED_TILE_SOURCES = 50;

/**
 * The sync server as an origin (scheme, host, port): https anywhere, http only on
 * loopback (a server on the same machine, as in development and tests). Null when the
 * text is anything else (credentials, another scheme, no host).
 */
export function syncServerOrigin(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '' || url.hostname === '' || !isPolicyOrigin(url.origin)) return null;
  if (url.protocol === 'https:') return url.origin;
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  return url.protocol === 'http:' && loopback ? url.origin : null;
}

const settingsFileSchema = z
  .object({
    version: z.literal(1),
    tileSources: z.array(configuredTileSourceSchema).max(MAX_CONFIGURED_TILE_SOURCES),
    syncServerOrigin: z
      .string()
      .max(2048)
      .nullable()
      .refine((origin) => origin === null || syncServerOrigin(origin) === origin),
  })
  .strict();
export type ShellSettingsFile = z.output<typeof settingsFileSchema>;

const EMPTY: ShellSettingsFile = { version: 1, tileSources: [], syncServerOrigin: null };

/** Reads the file's text; a missing, unreadable or invalid file is the empty settings (and says so). */
export function parseShellSettings(text: string | null, warn: (message: string) => void): ShellSettingsFile {
  if (text === null) return EMPTY;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    warn('shell settings are not JSON; starting from none');
    return EMPTY;
  }
  const parsed = settingsFileSchema.safeParse(json);
  if (!parsed.success) {
    warn('shell settings are invalid; starting from none');
    return EMPTY;
  }
  // Built-in ids are not the file's to redefine.
  const builtIn = new Set(BUILT_IN_TILE_SOURCES.map((s) => s.id));
  return { ...parsed.data, tileSources: parsed.data.tileSources.filter((t) => !builtIn.has(t.source.id)) };
}

export interface ShellSettingsEffects {
  /** The file's text, or null when it does not exist. */
  readonly read: () => Promise<string | null>;
  /** Replace the file (atomically: a crash leaves the old or the new file). */
  readonly write: (text: string) => Promise<void>;
  readonly warn: (message: string) => void;
}

/** The settings in memory, loaded once at start; every change is written before it counts. */
export class ShellSettings {
  private constructor(
    private state: ShellSettingsFile,
    private readonly effects: ShellSettingsEffects,
  ) {}

  static async load(effects: ShellSettingsEffects): Promise<ShellSettings> {
    let text: string | null;
    try {
      text = await effects.read();
    } catch {
      effects.warn('shell settings could not be read; starting from none');
      text = null;
    }
    return new ShellSettings(parseShellSettings(text, effects.warn), effects);
  }

  /** A built-in source (never private) or a configured one. */
  tileSource(id: string): ConfiguredTileSource | undefined {
    const builtIn = BUILT_IN_TILE_SOURCES.find((source) => source.id === id);
    if (builtIn !== undefined) return { source: builtIn, allowPrivateAddresses: false };
    return this.state.tileSources.find((t) => t.source.id === id);
  }

  configuredTileSourceCount(): number {
    return this.state.tileSources.length;
  }

  get syncServerOrigin(): string | null {
    return this.state.syncServerOrigin;
  }

  async saveTileSource(configured: ConfiguredTileSource): Promise<void> {
    const others = this.state.tileSources.filter((t) => t.source.id !== configured.source.id);
    await this.commit({ ...this.state, tileSources: [...others, configured] });
  }

  async saveSyncServerOrigin(origin: string): Promise<void> {
    await this.commit({ ...this.state, syncServerOrigin: origin });
  }

  private async commit(next: ShellSettingsFile): Promise<void> {
    await this.effects.write(`${JSON.stringify(next, null, 2)}\n`);
    this.state = next;
  }
}

/** The host part of a source's template as it will be fetched (subdomains filled with the first). */
export function templateHost(source: Pick<TileSource, 'urlTemplate' | 'subdomains'>): string | null {
  try {
    return new URL(source.urlTemplate.replace(/\{s\}/g, source.subdomains[0] ?? 'a').replace(/\{[zxy]\}/g, '0')).host;
  } catch {
    return null;
  }
}

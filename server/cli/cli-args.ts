import { parseArgs } from 'node:util';
import { ROLES } from '../../shared/access/roles';
import type { Role } from '../../shared/access/roles';
import { officeCodeSchema } from '../../shared/observations/observation-schema';
import { deviceIdSchema } from '../api/admin-schemas';
import { MAX_CODE_TTL_HOURS, DEFAULT_CODE_TTL_HOURS } from '../domain/enrolment-repo';
import { isRole } from '../domain/roles-column';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.data/server';
export const DEFAULT_SERVER_URL = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;
/** Most devices are field monitors' laptops. */
export const DEFAULT_ROLE: Role = 'field_monitor';

export const USAGE = `Usage: npm run server -- [command] [options]

Commands:
  serve     Run the sync server (the default command)
  enroll    Issue a one-time enrolment code for an office and a role
  revoke    Revoke a device, which must then enrol again
  devices   List enrolled devices
  help      Show this text

serve:    [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}] [--data-dir DIR] [--renderer DIR]
          [--allow-origin ORIGIN]...
          --port 0 picks a free port; --renderer serves a built renderer (web mode);
          --allow-origin lets a browser page of that origin call the API (repeatable).
enroll:   --office CODE [--role ${DEFAULT_ROLE}] [--ttl-hours ${DEFAULT_CODE_TTL_HOURS}] [--server URL | --direct] [--data-dir DIR]
          --role is one of ${ROLES.join(', ')}: what the device's user may do.
revoke:   --device ID [--server URL | --direct] [--data-dir DIR]
devices:  [--json] [--server URL | --direct] [--data-dir DIR]
          enroll, revoke and devices go through the server running at --server
          (default ${DEFAULT_SERVER_URL}) with the admin token of the data folder;
          without --server, when no server answers there, they open the database
          directly, as --direct always does.

Environment:
  DATABASE_URL                 PostgreSQL to use instead of PGlite in the data folder
  ROUTEWATCH_DATA_DIR          Data folder when --data-dir is not given (default ${DEFAULT_DATA_DIR})
  ROUTEWATCH_ADMIN_TOKEN       Admin token (instead of <data-dir>/admin-token)
  ROUTEWATCH_ALLOWED_ORIGINS   Extra browser origins, comma-separated
  ROUTEWATCH_LOG_LEVEL         Server log level on stderr: fatal, error, warn (default), info, debug
  ROUTEWATCH_TRUST_PROXY       1 behind a reverse proxy: client addresses from X-Forwarded-For`;

/** A command line that cannot be run: the CLI prints the message and the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

interface Common {
  dataDir: string;
}
export interface ServeArgs extends Common {
  command: 'serve';
  port: number;
  host: string;
  rendererDir: string | undefined;
  allowedOrigins: string[];
}
/**
 * Where to reach the admin functions: `explicit` (--server: an unreachable server is an
 * error), `default` (the default URL: fall back to the database), `direct` (--direct:
 * open the database without asking any server).
 */
export type AdminServer = { mode: 'explicit' | 'default'; url: string } | { mode: 'direct' };

interface AdminCommon extends Common {
  server: AdminServer;
}
export interface EnrollArgs extends AdminCommon {
  command: 'enroll';
  office: string;
  role: Role;
  ttlHours: number;
}
export interface RevokeArgs extends AdminCommon {
  command: 'revoke';
  deviceId: string;
}
export interface DevicesArgs extends AdminCommon {
  command: 'devices';
  json: boolean;
}
export type CliArgs = ServeArgs | EnrollArgs | RevokeArgs | DevicesArgs | { command: 'help' };

const COMMANDS = ['serve', 'enroll', 'revoke', 'devices', 'help'] as const;
type Command = (typeof COMMANDS)[number];

const OPTIONS = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  port: { type: 'string' },
  host: { type: 'string' },
  renderer: { type: 'string' },
  'allow-origin': { type: 'string', multiple: true },
  office: { type: 'string' },
  role: { type: 'string' },
  'ttl-hours': { type: 'string' },
  server: { type: 'string' },
  device: { type: 'string' },
  json: { type: 'boolean' },
  direct: { type: 'boolean' },
} as const;
type OptionName = keyof typeof OPTIONS;

const ALLOWED: Record<Command, readonly OptionName[]> = {
  serve: ['data-dir', 'help', 'port', 'host', 'renderer', 'allow-origin'],
  enroll: ['data-dir', 'help', 'office', 'role', 'ttl-hours', 'server', 'direct'],
  revoke: ['data-dir', 'help', 'device', 'server', 'direct'],
  devices: ['data-dir', 'help', 'json', 'server', 'direct'],
  help: ['help'],
};

function integer(flag: string, text: string, min: number, max: number): number {
  if (!/^\d{1,10}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}; got "${text}"`);
  }
  return Number(text);
}

function httpUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--server must be a URL such as ${DEFAULT_SERVER_URL}; got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--server must be an http or https URL; got "${text}"`);
  }
  return url.origin;
}

function origin(text: string): string {
  if (text === 'null' || !/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/i.test(text)) {
    throw new UsageError(`--allow-origin must be an origin such as http://localhost:5173 (no path); got "${text}"`);
  }
  return text;
}

/** Parse the CLI's arguments (after `tsx server/cli.ts`) and environment; throws UsageError. */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliArgs {
  const first = argv[0];
  const command: Command = first === undefined || first.startsWith('-') ? 'serve' : (first as Command);
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${String(first)}"`);
  const rest = first === undefined || first.startsWith('-') ? argv : argv.slice(1);

  let values: Partial<Record<OptionName, string | boolean | string[]>>;
  try {
    ({ values } = parseArgs({ args: [...rest], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  for (const name of Object.keys(values) as OptionName[]) {
    if (!ALLOWED[command].includes(name)) throw new UsageError(`${command} does not take --${name}`);
  }
  if (command === 'help' || values.help === true) return { command: 'help' };

  const str = (name: OptionName): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const dataDir = str('data-dir') ?? (env.ROUTEWATCH_DATA_DIR || DEFAULT_DATA_DIR);
  const explicitServer = str('server');
  if (explicitServer !== undefined && values.direct === true) throw new UsageError('give either --server or --direct, not both');
  const admin: AdminCommon = {
    dataDir,
    server:
      values.direct === true
        ? { mode: 'direct' }
        : explicitServer === undefined
          ? { mode: 'default', url: DEFAULT_SERVER_URL }
          : { mode: 'explicit', url: httpUrl(explicitServer) },
  };

  switch (command) {
    case 'serve': {
      const fromEnv = (env.ROUTEWATCH_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
      const flags = Array.isArray(values['allow-origin']) ? values['allow-origin'] : [];
      const renderer = str('renderer');
      return {
        command,
        dataDir,
        port: integer('port', str('port') ?? String(DEFAULT_PORT), 0, 65_535),
        host: str('host') ?? DEFAULT_HOST,
        rendererDir: renderer,
        allowedOrigins: [...fromEnv, ...flags].map(origin),
      };
    }
    case 'enroll': {
      const office = str('office');
      if (office === undefined) throw new UsageError('enroll needs --office, e.g. --office RS-BEL');
      if (!officeCodeSchema.safeParse(office).success) {
        throw new UsageError(
          `--office "${office}" is not an office code: it must look like RS-BEL, a mission (RS, MK, BA, AL, ME, XK or HQ), a dash, then 2-10 capital letters or digits`,
        );
      }
      const role = str('role') ?? DEFAULT_ROLE;
      if (!isRole(role)) throw new UsageError(`--role "${role}" is not a role: it must be one of ${ROLES.join(', ')}`);
      const ttl = str('ttl-hours');
      return {
        command,
        ...admin,
        office,
        role,
        ttlHours: ttl === undefined ? DEFAULT_CODE_TTL_HOURS : integer('ttl-hours', ttl, 1, MAX_CODE_TTL_HOURS),
      };
    }
    case 'revoke': {
      const deviceId = str('device');
      if (deviceId === undefined) throw new UsageError('revoke needs --device ID (see the devices command)');
      if (!deviceIdSchema.safeParse(deviceId).success) {
        throw new UsageError(`--device "${deviceId}" is not a device id: ids are 1-40 letters, digits or _`);
      }
      return { command, ...admin, deviceId };
    }
    case 'devices':
      return { command, ...admin, json: values.json === true };
  }
}

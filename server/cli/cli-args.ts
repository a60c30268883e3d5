import { parseArgs } from 'node:util';
import { ROLES } from '../../shared/access/roles';
import type { Role } from '../../shared/access/roles';
import { MISSIONS } from '../../shared/observations/codelists';
import { officeCodeSchema } from '../../shared/observations/observation-schema';
import { createCodeRequestSchema, createOfficeRequestSchema, deviceIdSchema, missionSchema } from '../api/admin-schemas';
import { publicServerUrlSchema } from '../qr/enrolment-qr';
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
  serve          Run the sync server (the default command)
  office create  Create an office of a mission, before issuing codes for it
  office list    List offices
  enroll         Issue a one-time enrolment code for a named user of an office, with a role
  devices        List enrolled devices: user, office, role, last sync, changes waiting
  revoke         Revoke a device, which must then enrol again with a new code
  rotate         Replace a device's token: its token stops working now, and a one-time
                 code re-enrols the same device (same id, user, role and office)
  help           Show this text

serve:          [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}] [--data-dir DIR] [--renderer DIR]
                [--allow-origin ORIGIN]...
                --port 0 picks a free port; --renderer serves a built renderer (web mode);
                --allow-origin lets a browser page of that origin call the API (repeatable).
                The admin page is at /admin.
office create:  --code CODE --mission MISSION --name NAME [--json]
                MISSION is one of ${MISSIONS.join(', ')}; CODE starts with it: RS-BEL.
office list:    [--json]
enroll:         --office CODE --name "USER NAME" [--role ${DEFAULT_ROLE}] [--ttl-hours ${DEFAULT_CODE_TTL_HOURS}]
                [--public-url URL] [--json]
                --role is one of ${ROLES.join(', ')}: what the user may do.
                Prints the code and its QR code, which holds the code and --public-url,
                the address devices reach the server at (default: the --server address).
devices:        [--json]
revoke:         --device ID
rotate:         --device ID [--ttl-hours ${DEFAULT_CODE_TTL_HOURS}] [--public-url URL] [--json]

Every command but serve also takes [--server URL | --direct] [--data-dir DIR]: it goes
through the server running at --server (default ${DEFAULT_SERVER_URL}) with the admin
token of the data folder; without --server, when no server answers there, it opens the
database directly, as --direct always does.

Environment:
  DATABASE_URL                 PostgreSQL to use instead of PGlite in the data folder
  ROUTEWATCH_DATA_DIR          Data folder when --data-dir is not given (default ${DEFAULT_DATA_DIR})
  ROUTEWATCH_ADMIN_TOKEN       Admin token (instead of <data-dir>/admin-token)
  ROUTEWATCH_PUBLIC_URL        The address devices reach the server at, when --public-url is not given
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
  userName: string;
  ttlHours: number;
  /** For the QR code; undefined: the address the CLI reaches the server at. */
  publicUrl: string | undefined;
  json: boolean;
}
export interface RevokeArgs extends AdminCommon {
  command: 'revoke';
  deviceId: string;
}
export interface RotateArgs extends AdminCommon {
  command: 'rotate';
  deviceId: string;
  ttlHours: number;
  publicUrl: string | undefined;
  json: boolean;
}
export interface DevicesArgs extends AdminCommon {
  command: 'devices';
  json: boolean;
}
export interface OfficeCreateArgs extends AdminCommon {
  command: 'office create';
  code: string;
  mission: string;
  name: string;
  json: boolean;
}
export interface OfficeListArgs extends AdminCommon {
  command: 'office list';
  json: boolean;
}
export type AdminArgs = EnrollArgs | RevokeArgs | RotateArgs | DevicesArgs | OfficeCreateArgs | OfficeListArgs;
export type CliArgs = ServeArgs | AdminArgs | { command: 'help' };

const COMMANDS = ['serve', 'enroll', 'revoke', 'rotate', 'devices', 'office', 'help'] as const;
type Command = (typeof COMMANDS)[number];
const OFFICE_SUBCOMMANDS = ['create', 'list'] as const;
type CommandName = Exclude<Command, 'office'> | 'office create' | 'office list';

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
  name: { type: 'string' },
  code: { type: 'string' },
  mission: { type: 'string' },
  'public-url': { type: 'string' },
} as const;
type OptionName = keyof typeof OPTIONS;

const ADMIN: readonly OptionName[] = ['data-dir', 'help', 'server', 'direct'];
const ALLOWED: Record<CommandName, readonly OptionName[]> = {
  serve: ['data-dir', 'help', 'port', 'host', 'renderer', 'allow-origin'],
  enroll: [...ADMIN, 'office', 'role', 'name', 'ttl-hours', 'public-url', 'json'],
  revoke: [...ADMIN, 'device'],
  rotate: [...ADMIN, 'device', 'ttl-hours', 'public-url', 'json'],
  devices: [...ADMIN, 'json'],
  'office create': [...ADMIN, 'code', 'mission', 'name', 'json'],
  'office list': [...ADMIN, 'json'],
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

function publicUrl(text: string | undefined, from: string): string | undefined {
  if (text === undefined || text === '') return undefined;
  const parsed = publicServerUrlSchema.safeParse(text);
  if (!parsed.success) throw new UsageError(`${from} must be the http or https address devices reach the server at, such as https://hq.example.org; got "${text}"`);
  return parsed.data;
}

function deviceId(text: string | undefined, command: string): string {
  if (text === undefined) throw new UsageError(`${command} needs --device ID (see the devices command)`);
  if (!deviceIdSchema.safeParse(text).success) throw new UsageError(`--device "${text}" is not a device id: ids are 1-40 letters, digits or _`);
  return text;
}

function officeCode(text: string, flag: string): string {
  if (!officeCodeSchema.safeParse(text).success) {
    throw new UsageError(
      `${flag} "${text}" is not an office code: it must look like RS-BEL, a mission (${MISSIONS.join(', ')}), a dash, then 2-10 capital letters or digits`,
    );
  }
  return text;
}

/** The first problem zod found with a value, in a few words. */
function firstIssue(result: { success: false; error: { issues: readonly { message: string }[] } }): string {
  return result.error.issues[0]?.message ?? 'is not valid';
}

/** Parse the CLI's arguments (after `tsx server/cli.ts`) and environment; throws UsageError. */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliArgs {
  const first = argv[0];
  const command: Command = first === undefined || first.startsWith('-') ? 'serve' : (first as Command);
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${String(first)}"`);
  let rest = first === undefined || first.startsWith('-') ? argv : argv.slice(1);
  let name: CommandName;
  if (command === 'office') {
    const sub = rest[0];
    if (sub === '--help' || sub === '-h') return { command: 'help' };
    if (sub === undefined || !(OFFICE_SUBCOMMANDS as readonly string[]).includes(sub)) {
      throw new UsageError(`office needs a subcommand: office create or office list${sub === undefined ? '' : `; got "${sub}"`}`);
    }
    name = `office ${sub as (typeof OFFICE_SUBCOMMANDS)[number]}`;
    rest = rest.slice(1);
  } else {
    name = command;
  }

  let values: Partial<Record<OptionName, string | boolean | string[]>>;
  try {
    ({ values } = parseArgs({ args: [...rest], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  for (const option of Object.keys(values) as OptionName[]) {
    if (!ALLOWED[name].includes(option)) throw new UsageError(`${name} does not take --${option}`);
  }
  if (name === 'help' || values.help === true) return { command: 'help' };

  const str = (option: OptionName): string | undefined => {
    const value = values[option];
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
  const json = values.json === true;
  const ttlHours = (): number => {
    const ttl = str('ttl-hours');
    return ttl === undefined ? DEFAULT_CODE_TTL_HOURS : integer('ttl-hours', ttl, 1, MAX_CODE_TTL_HOURS);
  };
  const publicUrlOf = (): string | undefined =>
    publicUrl(str('public-url'), '--public-url') ?? publicUrl(env.ROUTEWATCH_PUBLIC_URL, 'ROUTEWATCH_PUBLIC_URL');

  switch (name) {
    case 'serve': {
      const fromEnv = (env.ROUTEWATCH_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
      const flags = Array.isArray(values['allow-origin']) ? values['allow-origin'] : [];
      const renderer = str('renderer');
      return {
        command: name,
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
      officeCode(office, '--office');
      const userName = str('name');
      if (userName === undefined) throw new UsageError('enroll needs --name, the user the code is for: e.g. --name "Ana Petrović"');
      const checkedName = createCodeRequestSchema.shape.userName.safeParse(userName);
      if (!checkedName.success) throw new UsageError(`--name "${userName}" ${firstIssue(checkedName)}`);
      const role = str('role') ?? DEFAULT_ROLE;
      if (!isRole(role)) throw new UsageError(`--role "${role}" is not a role: it must be one of ${ROLES.join(', ')}`);
      return { command: name, ...admin, office, role, userName: checkedName.data, ttlHours: ttlHours(), publicUrl: publicUrlOf(), json };
    }
    case 'revoke':
      return { command: name, ...admin, deviceId: deviceId(str('device'), name) };
    case 'rotate':
      return { command: name, ...admin, deviceId: deviceId(str('device'), name), ttlHours: ttlHours(), publicUrl: publicUrlOf(), json };
    case 'devices':
    case 'office list':
      return { command: name, ...admin, json };
    case 'office create': {
      const code = str('code');
      const mission = str('mission');
      const officeName = str('name');
      if (code === undefined || mission === undefined || officeName === undefined) {
        throw new UsageError('office create needs --code, --mission and --name, e.g. --code RS-BEL --mission RS --name "Belgrade"');
      }
      officeCode(code, '--code');
      if (!missionSchema.safeParse(mission).success) throw new UsageError(`--mission "${mission}" is not a mission: it must be one of ${MISSIONS.join(', ')}`);
      const checked = createOfficeRequestSchema.safeParse({ code, mission, name: officeName });
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw new UsageError(
          issue?.path[0] === 'code'
            ? `--code "${code}" is not an office of mission ${mission}: its code must start with ${mission}- (or give --mission ${code.slice(0, code.indexOf('-'))})`
            : `--name "${officeName}" ${issue?.message ?? 'is not valid'}`,
        );
      }
      return { command: name, ...admin, code, mission, name: checked.data.name, json };
    }
  }
}

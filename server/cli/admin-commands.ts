import type { AdminArgs, DevicesArgs, EnrollArgs, OfficeCreateArgs, OfficeListArgs, RevokeArgs, RotateArgs } from './cli-args';
import { DEFAULT_SERVER_URL } from './cli-args';
import { CliFailure, openAdminBackend } from './admin-backend';
import type { AdminBackend } from './admin-backend';
import type { CreateCodeResponse } from '../api/admin-schemas';
import { enrolmentQrTerminal, enrolmentQrText } from '../qr/enrolment-qr';
import { formatTable, printable, shortTime } from './text-table';

/** Where the command's lines go: `out` (stdout) for what scripts read, `note` (stderr) for people. */
export interface CliOutput {
  out: (line: string) => void;
  note: (line: string) => void;
  /** stdout is a terminal: draw the QR code in colours that read on any theme. */
  terminal: boolean;
}

async function withBackend<T>(args: AdminArgs, env: NodeJS.ProcessEnv, fn: (backend: AdminBackend) => Promise<T>): Promise<T> {
  const backend = await openAdminBackend({
    server: args.server,
    dataDir: args.dataDir,
    databaseUrl: env.DATABASE_URL,
    env,
  });
  try {
    return await fn(backend);
  } finally {
    await backend.close();
  }
}

const LOOPBACK = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/i;

/**
 * Print an issued code: the code line (scripts read it), the user it is for, and the QR
 * code holding the code and the address devices reach the server at.
 */
function printCode(
  issued: CreateCodeResponse & { deviceId?: string },
  args: EnrollArgs | RotateArgs,
  backend: AdminBackend,
  io: CliOutput,
): void {
  const serverUrl = args.publicUrl ?? backend.serverUrl ?? (args.server.mode === 'direct' ? DEFAULT_SERVER_URL : args.server.url);
  const qrText = enrolmentQrText(serverUrl, issued.code);
  if (args.json) {
    io.out(JSON.stringify({ ...issued, qr: { text: qrText } }, null, 2));
    return;
  }
  const forWhom = `${printable(issued.userName)} (${issued.role}, ${issued.office})`;
  io.out(`Enrolment code for ${issued.office}: ${issued.code} (valid until ${issued.expiresAt})`);
  io.out(issued.deviceId === undefined ? `User: ${forWhom}` : `Re-enrols device ${issued.deviceId} of ${forWhom}`);
  io.out(`QR code (server ${serverUrl}, code ${issued.code}):`);
  io.out(enrolmentQrTerminal(qrText, io.terminal));
  io.note(`Issued through ${backend.via}. Type the code into the app on the device, or scan the QR code; it works once.`);
  if (LOOPBACK.test(serverUrl)) {
    io.note(`Note: the QR code names ${serverUrl}, which only this machine reaches: pass --public-url with the address devices use.`);
  }
}

/** `enroll`: a one-time code for a named user of an office. */
export async function enroll(args: EnrollArgs, env: NodeJS.ProcessEnv, io: CliOutput): Promise<void> {
  await withBackend(args, env, async (backend) => {
    const issued = await backend.createCode(args.office, args.role, args.userName, args.ttlHours);
    printCode(issued, args, backend, io);
  });
}

/** `rotate`: the device's token stops working now; a one-time code re-enrols the same device. */
export async function rotate(args: RotateArgs, env: NodeJS.ProcessEnv, io: CliOutput): Promise<void> {
  await withBackend(args, env, async (backend) => {
    const issued = await backend.rotate(args.deviceId, args.ttlHours);
    if (!args.json) io.note(`The token of device ${issued.deviceId} no longer works. Enrol the device again with this code: it keeps its id.`);
    printCode(issued, args, backend, io);
  });
}

/** `revoke`: the device's token stops working at once, for good. */
export async function revoke(args: RevokeArgs, env: NodeJS.ProcessEnv, io: CliOutput): Promise<void> {
  await withBackend(args, env, async (backend) => {
    const revoked = await backend.revoke(args.deviceId);
    if (revoked === undefined) throw new CliFailure(`there is no device ${args.deviceId} (list them with the devices command)`);
    const { device } = revoked;
    const who = `${printable(device.userName === '' ? device.deviceName : `${device.userName}, ${device.deviceName}`)}, ${device.office}`;
    io.out(
      revoked.alreadyRevoked
        ? `Device ${device.deviceId} (${who}) was already revoked at ${device.revokedAt ?? '?'}`
        : `Device ${device.deviceId} (${who}) revoked at ${device.revokedAt ?? '?'}`,
    );
  });
}

/** `devices`: a table, or JSON with --json. */
export async function devices(args: DevicesArgs, env: NodeJS.ProcessEnv, io: CliOutput): Promise<void> {
  await withBackend(args, env, async (backend) => {
    const list = await backend.listDevices();
    if (args.json) {
      io.out(JSON.stringify(list, null, 2));
      return;
    }
    if (list.devices.length === 0) {
      io.out('No devices enrolled.');
      return;
    }
    const rows = list.devices.map((d) => [
      d.deviceId,
      d.userName === '' ? '-' : d.userName,
      d.office,
      d.role,
      shortTime(d.lastSyncAt),
      shortTime(d.lastSeenAt),
      d.pendingChanges === null ? '?' : String(d.pendingChanges),
      d.revokedAt === null ? 'active' : `revoked ${shortTime(d.revokedAt)}`,
      // Device names are typed on devices: quoted, so that one with spaces reads as one.
      JSON.stringify(d.deviceName),
    ]);
    for (const line of formatTable(['DEVICE', 'USER', 'OFFICE', 'ROLE', 'LAST SYNC', 'LAST SEEN', 'PENDING', 'STATUS', 'DEVICE NAME'], rows)) {
      io.out(line);
    }
  });
}

/** `office create`. */
export async function officeCreate(args: OfficeCreateArgs, env: NodeJS.ProcessEnv, io: CliOutput): Promise<void> {
  await withBackend(args, env, async (backend) => {
    const office = await backend.createOffice(args.code, args.mission, args.name);
    if (args.json) io.out(JSON.stringify({ office }, null, 2));
    else io.out(`Office ${office.code} (${printable(office.name)}) created in mission ${office.mission}`);
  });
}

/** `office list`: a table, or JSON with --json. */
export async function officeList(args: OfficeListArgs, env: NodeJS.ProcessEnv, io: CliOutput): Promise<void> {
  await withBackend(args, env, async (backend) => {
    const list = await backend.listOffices();
    if (args.json) {
      io.out(JSON.stringify(list, null, 2));
      return;
    }
    if (list.offices.length === 0) {
      io.out('No offices yet: create one with office create --code RS-BEL --mission RS --name "Belgrade".');
      return;
    }
    const rows = list.offices.map((o) => [o.code, o.mission, String(o.activeDevices), shortTime(o.createdAt), o.name === '' ? '-' : o.name]);
    for (const line of formatTable(['OFFICE', 'MISSION', 'DEVICES', 'CREATED', 'NAME'], rows)) io.out(line);
  });
}

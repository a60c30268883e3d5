import type { DevicesArgs, EnrollArgs, RevokeArgs } from './cli-args';
import { CliFailure, openAdminBackend } from './admin-backend';
import type { AdminBackend } from './admin-backend';

async function withBackend<T>(args: EnrollArgs | RevokeArgs | DevicesArgs, env: NodeJS.ProcessEnv, fn: (backend: AdminBackend) => Promise<T>): Promise<T> {
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

/** `enroll`: print a one-time code on one line that scripts can read. */
export async function enroll(args: EnrollArgs, env: NodeJS.ProcessEnv, out: (line: string) => void, note: (line: string) => void): Promise<void> {
  await withBackend(args, env, async (backend) => {
    const issued = await backend.createCode(args.office, args.role, args.ttlHours);
    out(`Enrolment code for ${issued.office}: ${issued.code} (valid until ${issued.expiresAt})`);
    note(`Role: ${issued.role}. Issued through ${backend.via}. Type it into the app on the device; it works once.`);
  });
}

/** `revoke`: the device's token stops working at once. */
export async function revoke(args: RevokeArgs, env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<void> {
  await withBackend(args, env, async (backend) => {
    const device = await backend.revoke(args.deviceId);
    if (device === undefined) throw new CliFailure(`there is no device ${args.deviceId} (list them with the devices command)`);
    out(`Device ${device.deviceId} (${device.deviceName}, ${device.office}) revoked at ${device.revokedAt ?? '?'}`);
  });
}

/** `devices`: one line per device, or JSON with --json. */
export async function devices(args: DevicesArgs, env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<void> {
  await withBackend(args, env, async (backend) => {
    const list = await backend.listDevices();
    if (args.json) {
      out(JSON.stringify(list, null, 2));
      return;
    }
    if (list.devices.length === 0) {
      out('No devices enrolled.');
      return;
    }
    out(['DEVICE', 'OFFICE', 'ROLE', 'ENROLLED', 'LAST SEEN', 'STATUS', 'NAME'].join('\t'));
    for (const d of list.devices) {
      // Names are typed on devices: JSON-quote them so a hostile name cannot draw on the terminal.
      const status = d.revokedAt === null ? 'active' : `revoked ${d.revokedAt}`;
      out([d.deviceId, d.office, d.role, d.createdAt, d.lastSeenAt ?? '-', status, JSON.stringify(d.deviceName)].join('\t'));
    }
  });
}

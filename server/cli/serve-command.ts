import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildServer } from '../app';
import { loadOrCreateAdminToken } from '../admin-token';
import { DataDirBusyError } from '../db/data-dir-lock';
import { migrate } from '../db/migrate';
import { openConfiguredDb } from '../db/open-db';
import type { ServeArgs } from './cli-args';
import { CliFailure } from './admin-backend';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/**
 * Migrate, start listening, print where, and run until SIGINT or SIGTERM; then close
 * the server and the database. Resolves when stopped.
 */
export async function serve(args: ServeArgs, env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<void> {
  const rendererDir = args.rendererDir === undefined ? undefined : resolve(args.rendererDir);
  if (rendererDir !== undefined && !existsSync(`${rendererDir}/index.html`)) {
    throw new CliFailure(`--renderer ${rendererDir} has no index.html: build the renderer first (npm run build:renderer)`);
  }
  const level = env.ROUTEWATCH_LOG_LEVEL ?? 'warn';
  if (!LOG_LEVELS.includes(level)) throw new CliFailure(`ROUTEWATCH_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const dataDir = resolve(args.dataDir);
  let opened;
  try {
    opened = await openConfiguredDb({ databaseUrl: env.DATABASE_URL, dataDir });
  } catch (error) {
    if (error instanceof DataDirBusyError) {
      throw new CliFailure(`${error.message}: stop it, or give this server another --data-dir`);
    }
    throw error;
  }
  const { db, description } = opened;
  try {
    await migrate(db);
    const admin = loadOrCreateAdminToken(dataDir, env);
    const app = await buildServer({
      db,
      adminToken: admin.token,
      rendererDir,
      allowedOrigins: args.allowedOrigins,
      trustProxy: env.ROUTEWATCH_TRUST_PROXY === '1',
      // Logs go to stderr: stdout carries the lines scripts read.
      logger: { level, stream: process.stderr },
    });
    try {
      await app.listen({ port: args.port, host: args.host });
    } catch (error) {
      await app.close();
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new CliFailure(`port ${args.port} on ${args.host} is already in use: choose another with --port`);
      }
      throw error;
    }
    const { port } = app.server.address() as AddressInfo;
    const host = args.host.includes(':') ? `[${args.host}]` : args.host;
    out(`Routewatch server listening on http://${host}:${port}`);
    out(`Database: ${description}`);
    out(`Admin token: ${admin.from}`);
    out(`Admin page: http://${host}:${port}/admin`);
    if (rendererDir !== undefined) out(`Web app: ${rendererDir}`);

    await new Promise<void>((stopped) => {
      const stop = (signal: NodeJS.Signals): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        // A second signal while closing ends the process at once.
        process.once(signal, () => process.exit(1));
        out(`Routewatch server stopping (${signal})`);
        app.close().then(stopped, (error: unknown) => {
          process.stderr.write(`error while stopping: ${String(error)}\n`);
          stopped();
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  } finally {
    await db.close();
  }
}

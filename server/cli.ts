/**
 * The server's command line: `npm run server -- [serve|office|enroll|devices|revoke|rotate] [options]`.
 * Exit codes: 0 done, 1 failed (message on stderr), 2 bad command line (usage on stderr).
 */
import { USAGE, UsageError, parseCliArgs } from './cli/cli-args';
import { CliFailure } from './cli/admin-backend';
import { devices, enroll, officeCreate, officeList, revoke, rotate } from './cli/admin-commands';
import type { CliOutput } from './cli/admin-commands';
import { serve } from './cli/serve-command';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const err = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Run one command line; resolves to the exit code. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let args;
  try {
    args = parseCliArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`Error: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  // Typed boolean, but undefined when stdout is a pipe or a file: falsy either way.
  const io: CliOutput = { out, note: err, terminal: process.stdout.isTTY };
  try {
    switch (args.command) {
      case 'help':
        out(USAGE);
        break;
      case 'serve':
        await serve(args, env, out);
        break;
      case 'enroll':
        await enroll(args, env, io);
        break;
      case 'rotate':
        await rotate(args, env, io);
        break;
      case 'revoke':
        await revoke(args, env, io);
        break;
      case 'devices':
        await devices(args, env, io);
        break;
      case 'office create':
        await officeCreate(args, env, io);
        break;
      case 'office list':
        await officeList(args, env, io);
        break;
    }
    return 0;
  } catch (error) {
    if (error instanceof CliFailure) err(`Error: ${error.message}`);
    else err(`Error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

process.on('unhandledRejection', (reason) => {
  // Keep serving: one failed background promise must not take every device offline.
  err(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});

process.exitCode = await runCli(process.argv.slice(2), process.env);

/**
 * The real sync server (`server/cli.ts serve`) in a child process of its own, for tests
 * that need more than one server or need to kill one. Node runs the CLI itself with
 * tsx's loader (`node --import tsx`), not through the tsx launcher: the launcher would
 * run the server in a grandchild that a SIGKILL of the launcher leaves running.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface ServeOptions {
  /** Data folder (PGlite's, and the admin token's). */
  dataDir: string;
  /** PostgreSQL to use instead of PGlite in the data folder. */
  databaseUrl?: string;
  adminToken: string;
  /** Called with each line the server writes to stderr (its log, at ROUTEWATCH_LOG_LEVEL). */
  onLogLine?: (line: string) => void;
  logLevel?: string;
}

export interface ServeProcess {
  url: string;
  pid: number;
  /** Everything the server printed so far. */
  output(): string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start `serve` on a free loopback port and wait for its "listening on" line. */
export function startServeProcess(options: ServeOptions, timeoutMs = 60_000): Promise<ServeProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, ROUTEWATCH_ADMIN_TOKEN: options.adminToken, ROUTEWATCH_LOG_LEVEL: options.logLevel ?? 'warn' };
  delete env.DATABASE_URL;
  if (options.databaseUrl !== undefined) env.DATABASE_URL = options.databaseUrl;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', options.dataDir],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let pendingLog = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.once('exit', (code, signal) => done({ code, signal }));
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      pendingLog += text;
      const lines = pendingLog.split('\n');
      pendingLog = lines.pop() ?? '';
      for (const line of lines) options.onLogLine?.(line);
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1] !== undefined && child.pid !== undefined) {
        clearTimeout(timer);
        const pid = child.pid;
        resolve({
          url: match[1],
          pid,
          output: () => output,
          exited,
          kill(signal) {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${String(code ?? signal)}) before listening:\n${output}`));
    });
  });
}

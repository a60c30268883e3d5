/**
 * Starts the real Routewatch server (web mode: the built renderer plus the API) in a
 * child process on a free port with its own fresh data folder, as `npm run web` does.
 */
import { spawn, execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');

export interface RunningServer {
  url: string;
  dataDir: string;
  /**
   * Ask the running server for a one-time enrolment code, through the README's CLI
   * commands: `office create` (once per office) then `enroll` for a named user (role:
   * field_monitor unless given; user: "E2E <role>" unless given).
   */
  enrolmentCode(office: string, role?: string, userName?: string): Promise<string>;
  /** Everything the server wrote to stdout and stderr so far (its log lines among them). */
  output(): string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** ROUTEWATCH_LOG_LEVEL for the server ('warn', the server's default, unless given). */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
}

/** Which built renderer the server serves: several builds may sit side by side while developing. */
const rendererDir = process.env.E2E_RENDERER_DIR ?? 'dist/renderer';

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'routewatch-e2e-'));
  const env = { ...process.env };
  if (options.logLevel !== undefined) env.ROUTEWATCH_LOG_LEVEL = options.logLevel;
  // The e2e server always uses its own embedded database, whatever the environment says.
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(
    process.execPath,
    [tsxCli, 'server/cli.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--renderer', rendererDir],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Everything the server writes, for the whole run: output() is read at the end of a test.
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not start in 60 s:\n${output}`));
    }, 60_000);
    // Registered after the collector, so `output` already holds the chunk.
    const onData = () => {
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}:\n${output}`));
    });
  });
  const createdOffices = new Set<string>();
  return {
    url,
    dataDir,
    output: () => output,
    async enrolmentCode(office, role, userName) {
      if (!createdOffices.has(office)) {
        const mission = office.slice(0, office.indexOf('-'));
        await execFileAsync(
          process.execPath,
          [tsxCli, 'server/cli.ts', 'office', 'create', '--code', office, '--mission', mission, '--name', `Office ${office}`, '--server', url, '--data-dir', dataDir],
          { cwd: root, env },
        );
        createdOffices.add(office);
      }
      const name = userName ?? `E2E ${role ?? 'field_monitor'}`;
      const { stdout } = await execFileAsync(
        process.execPath,
        [tsxCli, 'server/cli.ts', 'enroll', '--office', office, '--name', name, ...(role === undefined ? [] : ['--role', role]), '--server', url, '--data-dir', dataDir],
        { cwd: root, env },
      );
      const match = /([A-Z0-9]{4}(?:-[A-Z0-9]{4}){2,3})/.exec(stdout);
      if (!match?.[1]) throw new Error(`no enrolment code in CLI output:\n${stdout}`);
      return match[1];
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Run the server CLI (`tsx server/cli.ts`) as a child process, as `npm run server --` does. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(TSX, ['server/cli.ts', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Run one CLI command to its end. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 45_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = start(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cli ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface RunningServer {
  url: string;
  stdoutLines: string[];
  /** Send a signal and wait for the exit; resolves to the exit code and all output. */
  stop(signal?: NodeJS.Signals): Promise<CliResult>;
}

/** Start `serve` and wait for its "listening on" line. */
export function startServer(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 45_000): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = start(['serve', ...args], env);
    let stdout = '';
    let stderr = '';
    const exited = new Promise<CliResult>((done) => {
      child.on('close', (code) => {
        done({ code, stdout, stderr });
      });
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^Routewatch server listening on (http:\/\/\S+)$/m.exec(stdout);
      if (match?.[1] !== undefined && stdout.includes('Admin token:')) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          get stdoutLines() {
            return stdout.split('\n').filter((l) => l !== '');
          },
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    void exited.then((result) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(result.code)}\n${result.stdout}\n${result.stderr}`));
    });
  });
}

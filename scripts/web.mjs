#!/usr/bin/env node
// `npm run web`: build the renderer, then serve it with the embedded sync server on
// one origin (http://127.0.0.1:8787 unless --port is given). Extra flags go to the server.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

if (!args.includes('--no-build')) {
  console.log('Building the renderer…');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const serverArgs = args.filter((a) => a !== '--no-build');
if (!serverArgs.includes('--renderer')) serverArgs.push('--renderer', 'dist/renderer');
const server = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'server/cli.ts', 'serve', ...serverArgs], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.kill(signal);
  });
}
server.on('exit', (code) => process.exit(code ?? 0));

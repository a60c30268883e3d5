import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The renderer build. `base: './'` makes the same build load from Electron's
 * app://routewatch/ protocol and from the web-mode server.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rolldownOptions: {
      input: { main: 'renderer/index.html', bench: 'renderer/bench.html' },
    },
  },
  server: { port: 5173, strictPort: false },
});

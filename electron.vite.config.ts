import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main and preload bundle for Electron; the renderer is the same app the loopback test host serves.
export default defineConfig({
  main: {
    build: {
      // The import's and sync's worker thread is a file of its own (records/digest-pool.ts useBuiltDigestWorker).
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/electron/main.ts'), 'digest-worker': resolve(__dirname, 'src-main/records/digest-worker.ts') },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be one CommonJS file.
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: { minify: true, cssMinify: true, rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') } },
  },
});

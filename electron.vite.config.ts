import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// main bundles the Electron main process and, as a second entry, the core process that main forks as a
// utilityProcess. Native and large dependencies stay external and load from node_modules at run time.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve('main/index.ts'), core: resolve('core/main.ts'), 'inference-worker': resolve('core/inference/worker.ts'), 'analysis-worker': resolve('core/analysis/worker.ts') },
        external: ['better-sqlite3', 'onnxruntime-node', 'ws', 'electron'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve('preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    build: { outDir: 'out/renderer', minify: true, rollupOptions: { input: { index: resolve('renderer/index.html') } } },
    plugins: [react()],
  },
});

import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = dirname(fileURLToPath(import.meta.url))

/** Bundles the harness bridge into one classic script for Playwright's addInitScript. */
export default defineConfig({
  logLevel: 'warn',
  build: {
    outDir: resolve(here, '../../../test-results/harness'),
    emptyOutDir: true,
    minify: false,
    lib: {
      entry: resolve(here, 'bridge-entry.ts'),
      formats: ['iife'],
      name: 'iproxyHarnessBridge',
      fileName: () => 'bridge.js',
    },
  },
})

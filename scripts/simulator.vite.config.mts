/**
 * Builds the standalone simulator (`src/main/demo/cli.ts`) for Node into out/simulator/cli.mjs, since there is
 * no TypeScript runner installed. Node builtins and npm dependencies stay external (resolved from node_modules).
 */
import { builtinModules } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, 'src/main/demo/cli.ts'),
    outDir: resolve(root, 'out/simulator'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), /^(zod|undici|socks)(\/.*)?$/],
      output: { format: 'es', entryFileNames: 'cli.mjs' },
    },
  },
})

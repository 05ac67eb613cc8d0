/**
 * Builds the `iproxy` command line (src/cli/index.ts) for Node into out/cli/iproxy.mjs, run by `npm run build`
 * after electron-vite. Node builtins and the package's dependencies stay external (resolved from node_modules,
 * as npm installs them for `npm link` / `npx iproxy`); the file starts with a shebang and is made executable.
 */
import { chmod } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import pkg from '../package.json' with { type: 'json' }

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = resolve(root, 'out/cli')
const dependencies = Object.keys(pkg.dependencies)

export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, 'src/cli/index.ts'),
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), new RegExp(`^(${dependencies.join('|')})(/.*)?$`)],
      output: { format: 'es', entryFileNames: 'iproxy.mjs', banner: '#!/usr/bin/env node' },
    },
  },
  plugins: [
    {
      name: 'iproxy-executable',
      async writeBundle() {
        await chmod(resolve(outDir, 'iproxy.mjs'), 0o755)
      },
    },
  ],
})

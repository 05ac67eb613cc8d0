/**
 * Builds the `iproxy` command line (src/cli/index.ts) for Node into out/cli/iproxy.mjs, run by `npm run build`
 * after electron-vite. Start-up is most of what a short command costs, so the dependencies are bundled in and
 * minified (one file to resolve and parse instead of hundreds: ~230 + ~90 ms less per run, measured with
 * `npm run bench:cli`); only Node builtins and the native modules (NATIVE) stay external, resolved from
 * node_modules. Heavy modules (the API client, the services, the database) are split into chunks the commands
 * import when they run, so --help and --version load none of them. Node's compile cache (module.enableCompileCache)
 * is not used: it needs Node 22.1, and the CLI runs on Node 20. The file starts with a shebang and is executable.
 */
import { chmod } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = resolve(root, 'out/cli')
// Native modules (a .node file per platform) cannot be bundled: they stay in node_modules.
const NATIVE = ['keytar', 'libsql']

export default defineConfig({
  root,
  logLevel: 'warn',
  // An SSR build leaves node_modules external by default; bundle them (all but NATIVE, see external below).
  ssr: { noExternal: true, external: NATIVE },
  build: {
    ssr: resolve(root, 'src/cli/index.ts'),
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: true,
    // Stack traces (IPROXY_DEBUG=1) map back with `node --enable-source-maps`.
    sourcemap: true,
    rolldownOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), new RegExp(`^(${NATIVE.join('|')})(/.*)?$`)],
      // keepNames: bundled libraries that compare a class's own name survive minifying (proxy-chain answers a missing
      // local login with 407 only when its error's name is still "RequestError"; renamed, the client got a 500).
      output: { format: 'es', entryFileNames: 'iproxy.mjs', banner: '#!/usr/bin/env node', keepNames: true },
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

import { build } from 'vite'
import { builtinModules } from 'node:module'
await build({ root: '/work/main', configFile: false, logLevel: 'warn', ssr: { noExternal: true, external: ['keytar', 'libsql'] },
  build: { ssr: '/work/main/test/bench/cli-in-process.ts', outDir: '/tmp/cip', emptyOutDir: true, target: 'node20', minify: true,
    rolldownOptions: { external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), /^(keytar|libsql)(\/.*)?$/], output: { format: 'es', entryFileNames: 'cli-in-process.mjs' } } } })

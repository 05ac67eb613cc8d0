/**
 * `npm run simulator`: builds the standalone simulator and runs it in this same process. One process rather than
 * `vite build && node cli.mjs`, so a signal sent to it reaches the server itself instead of a shell that would
 * leave its node child serving. (npm still puts `sh -c` in front; cli.ts stops when that launcher goes away.)
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'vite'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
await build({ configFile: resolve(root, 'scripts/simulator.vite.config.mts') })
await import(pathToFileURL(resolve(root, 'out/simulator/cli.mjs')).href)

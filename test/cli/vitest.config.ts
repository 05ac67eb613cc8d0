import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

/**
 * The command line as a child process (`node out/cli/iproxy.mjs`, built by `npm run build`) against the simulator,
 * real proxies (dante, tinyproxy) and the real Secret Service (run under test/support/with-keyring.sh).
 */
export default defineConfig({
  root: resolve(__dirname, '../..'),
  test: {
    include: ['test/cli/**/*.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // Every test starts node processes; two workers match this machine's two cores.
    maxWorkers: 2,
  },
})

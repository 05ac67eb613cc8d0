import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

/** The packaging check (`npm test` stage "packaging check"): electron-builder builds, then the result is inspected. */
export default defineConfig({
  root: resolve(__dirname, '../..'),
  test: {
    include: ['test/packaging/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // One electron-builder run at a time is plenty for a 2-core machine.
    maxWorkers: 1,
  },
})

import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

/** The security gate (`npm test` stage "security gate"): Electronegativity and our own checks of the built app. */
export default defineConfig({
  root: resolve(__dirname, '../..'),
  test: {
    include: ['test/security/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    maxWorkers: 1,
  },
})

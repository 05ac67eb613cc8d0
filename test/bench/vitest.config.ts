import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

/** Benchmarks: run on demand (`npm run bench:client`), never part of `npm test`. They print figures and assert no timing. */
export default defineConfig({
  root: resolve(__dirname, '../..'),
  test: {
    include: ['test/bench/**/*.bench.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    // One benchmark at a time, so they do not share the CPU.
    fileParallelism: false,
  },
})

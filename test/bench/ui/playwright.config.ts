/**
 * `npm run bench:ui`: the built renderer in Debian's Chromium against a simulator at scale (5,000 connections ×
 * 4 proxy accesses), through the same bridge and handler table as the e2e harness. It prints figures and asserts
 * nothing about time.
 */
import { resolve } from 'node:path'
import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/harness/chromium'

const results = resolve(__dirname, '../../../test-results')

export default defineConfig({
  testDir: __dirname,
  testMatch: '**/*.bench.spec.ts',
  outputDir: resolve(results, 'bench-ui'),
  // Builds the harness bridge and checks the renderer is built, as for e2e.
  globalSetup: resolve(__dirname, '../../e2e/harness/global-setup.ts'),
  // One at a time: figures from two runs sharing two cores would mean little.
  workers: 1,
  fullyParallel: false,
  timeout: 300_000,
  expect: { timeout: 60_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] },
  },
})

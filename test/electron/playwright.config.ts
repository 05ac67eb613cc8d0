import { resolve } from 'node:path'
import { defineConfig } from '@playwright/test'

const results = resolve(__dirname, '../../test-results')

export default defineConfig({
  testDir: __dirname,
  testMatch: '**/*.spec.ts',
  outputDir: resolve(results, 'electron'),
  workers: 1,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: resolve(results, 'electron-report.json') }]],
})

#!/usr/bin/env node
/**
 * `npm test`: every stage runs even when an earlier one fails, and the run ends with one line,
 * `N passed, N failed, N skipped`, counting tests across all stages (a stage without its own test count, such as
 * the typecheck, counts as one test). Exits non-zero when anything failed.
 *
 * Set IPROXY_REQUIRE_SYSTEM=1 (CI does) to turn "skipped: <part> not available" into failures; the Electron
 * smoke test is the one exception, since no Electron binary can be downloaded on our machines.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const results = join(root, 'test-results')
mkdirSync(results, { recursive: true })
const bin = (name) => join(root, 'node_modules', '.bin', name)
const vitestEntry = join(root, 'node_modules', 'vitest', 'vitest.mjs')
// Stages that store API keys run inside a private D-Bus session with an unlocked GNOME Keyring.
const withKeyring = (...command) => ['bash', join(root, 'test/support/with-keyring.sh'), ...command]

/** Reads a vitest JSON report. */
const vitestCounts = (file) => {
  const r = JSON.parse(readFileSync(file, 'utf8'))
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }
}

/** Reads a Playwright JSON report; errors outside tests (global setup) count as failures. */
const playwrightCounts = (file) => {
  const r = JSON.parse(readFileSync(file, 'utf8'))
  return {
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected + (r.errors?.length ?? 0),
    skipped: r.stats.skipped,
  }
}

const stages = [
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  {
    name: 'unit and service tests (vitest)',
    command: withKeyring(bin('vitest'), 'run', '--config', 'test/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, 'unit-report.json')}`),
    report: join(results, 'unit-report.json'),
    counts: vitestCounts,
  },
  { name: 'build', command: ['npm', 'run', '--silent', 'build'] },
  // The built out/cli/iproxy.mjs as a child process; its profile tests store keys, so inside the keyring session.
  {
    name: 'command line (child process)',
    command: withKeyring(process.execPath, vitestEntry, 'run', '--config', 'test/cli/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, 'cli-report.json')}`),
    report: join(results, 'cli-report.json'),
    counts: vitestCounts,
  },
  // Both need the build above. Run through `node` and vitest's entry script, which works on Windows too.
  {
    name: 'packaging check',
    command: [process.execPath, vitestEntry, 'run', '--config', 'test/packaging/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, 'packaging-report.json')}`],
    report: join(results, 'packaging-report.json'),
    counts: vitestCounts,
  },
  {
    name: 'security gate',
    command: [process.execPath, vitestEntry, 'run', '--config', 'test/security/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, 'security-report.json')}`],
    report: join(results, 'security-report.json'),
    counts: vitestCounts,
  },
  {
    name: 'e2e in Chromium (Playwright)',
    command: withKeyring(bin('playwright'), 'test', '--config', 'test/e2e/playwright.config.ts'),
    report: join(results, 'e2e-report.json'),
    counts: playwrightCounts,
  },
  {
    name: 'Electron smoke test',
    command: [bin('playwright'), 'test', '--config', 'test/electron/playwright.config.ts'],
    report: join(results, 'electron-report.json'),
    counts: playwrightCounts,
  },
]

/**
 * Windows starts npm and the node_modules/.bin shims as .cmd files, which only a shell can run (the release
 * workflow runs `npm test` on Windows too); arguments with spaces are quoted for it.
 */
const spawnStage = (command) => {
  const options = { cwd: root, stdio: 'inherit', env: process.env }
  if (process.platform !== 'win32') return spawnSync(command[0], command.slice(1), options)
  const quote = (arg) => (/[\s"]/.test(arg) ? `"${arg.replace(/"/g, '\\"')}"` : arg)
  return spawnSync(command.map(quote).join(' '), { ...options, shell: true })
}

const total = { passed: 0, failed: 0, skipped: 0 }
const summary = []

for (const stage of stages) {
  console.log(`\n=== ${stage.name} ===`)
  if (stage.report) rmSync(stage.report, { force: true })
  const started = Date.now()
  const run = spawnStage(stage.command)
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  let counts
  if (stage.report && existsSync(stage.report)) {
    try {
      counts = stage.counts(stage.report)
    } catch (err) {
      console.error(`could not read ${stage.report}: ${err.message}`)
    }
  }
  if (!counts) counts = run.status === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 }
  // A runner that exits non-zero with no failed test in its report still failed (a crash, a setup error).
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1
  total.passed += counts.passed
  total.failed += counts.failed
  total.skipped += counts.skipped
  summary.push(`${stage.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)`)
}

console.log('\n=== summary ===')
for (const line of summary) console.log(line)
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
process.exit(total.failed > 0 ? 1 : 0)

#!/usr/bin/env node
/**
 * Runs Doyensec's Electronegativity over the app's sources (`src/`) and its built output (`out/main`, `out/preload`,
 * `out/renderer`: what the installers ship; the dev-only simulator CLI in out/ is left out), writes one CSV
 * per input (test-results/security/electronegativity-<name>.csv, the columns Electronegativity's own `-o x.csv`
 * writes), then applies the gate in findings.mjs: any HIGH or MEDIUM finding fails, and every `eng-disable`
 * suppression in the sources must say why. CLI: `node test/security/electronegativity.mjs` (exit 1 on failure);
 * the security test (security.test.ts) calls the same functions.
 *
 * Offline by construction. Electronegativity fetches two things from the internet when it starts: updated
 * translations (it prints "Could not retrieve updated translations" when that fails) and GitHub's list of Electron
 * releases (for AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK). Both go through the `got` package, which this runner
 * replaces, before Electronegativity loads, with a function that rejects at once, so no request is ever made. The
 * release check is also excluded: it can only say "a newer Electron has security fixes", which needs the network
 * (Dependabot or `npm outdated electron` answer it where there is one). The CSV is written here, synchronously,
 * from the issues the scan returns, because Electronegativity's own CSV writer issues the header and the rows as
 * two unordered asynchronous writes.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { EOL, tmpdir } from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkFindings, findSuppressions, formatFinding, parseFindingsCsv, traceToReviewedSource } from './findings.mjs'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const RESULTS_DIR = join(ROOT, 'test-results', 'security')
// Electronegativity selects checks by class name (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK is AvailableSecurityFixesGlobalCheck).
export const NETWORK_CHECKS = ['AvailableSecurityFixesGlobalCheck']

const require = createRequire(import.meta.url)
let offlineInstalled = false

/** Makes every `require('got')` inside Electronegativity return a client that fails without touching the network. */
function installOfflineGot() {
  if (offlineInstalled) return
  offlineInstalled = true
  const offline = () => Promise.reject(new Error('network disabled by test/security/electronegativity.mjs'))
  offline.head = offline
  offline.get = offline
  const load = Module._load
  Module._load = function loadOffline(request, parent, isMain) {
    if (request === 'got' && parent?.filename?.includes(`${join('node_modules', '@doyensec', 'electronegativity')}`)) return offline
    return load.call(this, request, parent, isMain)
  }
}

const electronVersion = () => JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version

const csvCell = (value) => (value == null ? 'N/A' : `"${String(value).replace(/"/g, '""')}"`)

/** Writes issues in Electronegativity's CSV layout, file paths as `label/<path inside the scanned folder>`. */
function writeCsv(file, issues, scanned, label) {
  const rows = issues.map((issue) =>
    [
      issue.id,
      csvCell(issue.severity.name),
      csvCell(issue.confidence.name),
      csvCell(issue.file === 'N/A' ? 'N/A' : [label, ...relative(scanned, issue.file).split(sep)].join('/')),
      csvCell(`${issue.location.line}:${issue.location.column}`),
      csvCell(issue.sample),
      csvCell(issue.description),
      `https://github.com/doyensec/electronegativity/wiki/${issue.id}`,
    ].join(','),
  )
  writeFileSync(file, ['issue, severity, confidence, filename, location, sample, description, url', ...rows, ''].join(EOL))
}

/**
 * Scans `input` (a folder) and writes `<RESULTS_DIR>/electronegativity-<name>.csv`, naming files as
 * `<name>/<path inside input>`. Returns the CSV's path and the parse errors Electronegativity reported (a file it
 * could not read is not scanned).
 */
export async function runElectronegativity({ input, name }) {
  installOfflineGot()
  const runner = require('@doyensec/electronegativity')
  const run = runner.default ?? runner
  const log = console.log
  // Electronegativity prints a line when its (disabled) translation update fails; keep the output to our own lines.
  console.log = (...args) => {
    if (!String(args[0]).startsWith('Could not retrieve updated translations')) log(...args)
  }
  let result
  try {
    result = await run(
      {
        input: resolve(ROOT, input),
        customScan: [],
        excludeFromScan: NETWORK_CHECKS,
        electronVersionOverride: electronVersion(),
        parserPlugins: [],
        isRelative: false,
        isVerbose: false,
      },
      false,
    )
  } finally {
    console.log = log
  }
  mkdirSync(RESULTS_DIR, { recursive: true })
  const csv = join(RESULTS_DIR, `electronegativity-${name}.csv`)
  writeCsv(csv, result.issues, resolve(ROOT, input), name)
  const errors = result.errors
    .filter((error) => !error.tolerable)
    .map((error) => ({ ...error, file: [name, ...relative(resolve(ROOT, input), error.file).split(sep)].join('/') }))
  return { csv, errors, checks: result.globalChecks + result.atomicChecks }
}

/**
 * The whole gate: scans src/ then out/, reads the CSVs back and applies the policy (findings.mjs). out/ findings
 * must trace back to reviewed src/ findings. Returns the lines to print and whether it passed.
 */
export async function securityGate() {
  const lines = []
  let ok = true
  const scan = async (input, name = input) => {
    const { csv, errors, checks } = await runElectronegativity({ input, name })
    const findings = parseFindingsCsv(readFileSync(csv, 'utf8'))
    for (const error of errors) {
      ok = false
      lines.push(`  could not parse ${error.file}: ${error.message}`)
    }
    return { csv, checks, findings, verdict: checkFindings(findings, { root: ROOT }) }
  }
  const summary = (input, { csv, checks, findings, verdict }, extra) =>
    `${input}/: ${checks} checks, ${findings.length} findings: ${verdict.informational.length} LOW or INFORMATIONAL, ${extra} -> ${relative(ROOT, csv)}`

  const src = await scan('src')
  lines.push(summary('src', src, `${src.verdict.suppressed.length} HIGH/MEDIUM suppressed with a reason, ${src.verdict.blocking.length} blocking`))
  for (const finding of src.verdict.blocking) lines.push(`  BLOCKING ${formatFinding(finding)}`)

  // The built app is scanned from a copy, so a rebuild of out/ during the scan cannot change it half-way.
  const snapshot = mkdtempSync(join(tmpdir(), 'iproxy-security-out-'))
  let out
  try {
    for (const part of ['main', 'preload', 'renderer']) cpSync(join(ROOT, 'out', part), join(snapshot, part), { recursive: true })
    out = await scan(snapshot, 'out')
  } finally {
    rmSync(snapshot, { recursive: true, force: true })
  }
  const { traced, blocking } = traceToReviewedSource(out.verdict.blocking, src.verdict.suppressed)
  lines.push(summary('out', out, `${traced.length} HIGH/MEDIUM traced to reviewed source lines, ${blocking.length} blocking`))
  for (const finding of blocking) lines.push(`  BLOCKING ${formatFinding(finding)}`)
  if (src.verdict.blocking.length > 0 || blocking.length > 0) ok = false

  const suppressions = findSuppressions(join(ROOT, 'src'))
  for (const suppression of suppressions.filter((s) => !s.justified)) {
    ok = false
    const why = suppression.unknown.length > 0 ? `unknown check ${suppression.unknown.join(', ')}` : 'no reason given'
    lines.push(`  UNJUSTIFIED eng-disable at ${relative(ROOT, suppression.file)}:${suppression.line} (${why}): ${suppression.text}`)
  }
  lines.push(`${suppressions.length} eng-disable suppressions in src/, ${suppressions.filter((s) => !s.justified).length} without a reason`)
  return { ok, lines, src, out, traced, suppressions }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ok, lines } = await securityGate()
  for (const line of lines) console.log(line)
  console.log(ok ? 'security gate: passed' : 'security gate: FAILED')
  process.exit(ok ? 0 : 1)
}

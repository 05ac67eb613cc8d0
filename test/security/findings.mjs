/**
 * The security gate's policy over Electronegativity's CSV:
 *
 * - A HIGH or MEDIUM finding blocks, unless the flagged line, or the line above it, carries a suppression for that
 *   very check with a reason: `/* eng-disable CHECK_ID -- why this is safe *\/` (or `// …`, `{/* … *\/}` in JSX,
 *   `<!-- eng-disable CHECK_ID: why -->` in HTML). Put it on the line ABOVE: Electronegativity itself drops a
 *   finding whose own line has the comment, and then the built output's copy of that finding (where bundling has
 *   removed the comment) has nothing reviewed to trace back to (traceToReviewedSource).
 * - LOW and INFORMATIONAL findings are reported in the CSV and counted, not blocking.
 * - Every `eng-disable` comment in the sources must name known check ids and give a reason of at least three
 *   words; a bare `eng-disable CHECK_ID` fails the gate, so no finding can be silenced without saying why.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, extname, join, resolve } from 'node:path'

const BLOCKING = new Set(['HIGH', 'MEDIUM'])
const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.mjs', '.cjs', '.html'])

/** Parses RFC 4180-style CSV (quoted cells may hold commas, quotes and newlines). */
export function parseCsv(text) {
  const rows = []
  let row = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(cell)
      cell = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += char
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '')
}

/** Reads Electronegativity's CSV (header: issue, severity, confidence, filename, location, sample, description, url). */
export function parseFindingsCsv(text) {
  const [header, ...rows] = parseCsv(text)
  const columns = header.map((name) => name.trim())
  const at = (name) => {
    const index = columns.indexOf(name)
    if (index < 0) throw new Error(`Electronegativity CSV has no "${name}" column (columns: ${columns.join(', ')})`)
    return index
  }
  const [issue, severity, confidence, filename, location, sample, description] = [
    'issue',
    'severity',
    'confidence',
    'filename',
    'location',
    'sample',
    'description',
  ].map(at)
  return rows.map((row) => {
    const [line, column] = (row[location] ?? '0:0').split(':').map(Number)
    return {
      id: row[issue],
      severity: row[severity],
      confidence: row[confidence],
      file: row[filename],
      line,
      column,
      sample: row[sample],
      description: row[description],
    }
  })
}

let knownIds
/** Every check id Electronegativity knows, read from its installed check classes. */
export function knownCheckIds() {
  if (knownIds) return knownIds
  const require = createRequire(import.meta.url)
  const checksDir = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist/finder/checks')
  knownIds = new Set()
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry)
      if (statSync(path).isDirectory()) walk(path)
      else if (entry.endsWith('.js')) for (const m of readFileSync(path, 'utf8').matchAll(/this\.id = "([A-Z0-9_]+)"/g)) knownIds.add(m[1])
    }
  }
  walk(checksDir)
  return knownIds
}

const SUPPRESSION = /eng-disable\s+(.*?)\s*(?:\*\/|-->|$)/

/** Parses one line's `eng-disable` comment: the ids it names and the reason after them (`--` or `:`). */
export function parseSuppression(lineText) {
  const match = SUPPRESSION.exec(lineText)
  if (!match) return undefined
  const body = match[1]
  const ids = []
  let rest = body
  for (;;) {
    const id = /^[\s,]*([A-Z][A-Z0-9_]+)(?![a-z])/.exec(rest)
    if (!id) break
    ids.push(id[1])
    rest = rest.slice(id[0].length)
  }
  const reason = rest.replace(/^[\s,]*(?:--|:|—)?\s*/, '').trim()
  const unknown = ids.filter((id) => !knownCheckIds().has(id))
  const justified = ids.length > 0 && unknown.length === 0 && reason.split(/\s+/).filter(Boolean).length >= 3
  return { ids, reason, unknown, justified, text: lineText.trim() }
}

/** True when line `line` (1-based) of `file`, or the line above, suppresses `id` with a reason. */
export function isSuppressed(file, line, id) {
  if (!existsSync(file) || !line) return false
  const lines = readFileSync(file, 'utf8').split(/\r?\n/)
  return [line - 1, line - 2].some((index) => {
    const suppression = index >= 0 ? parseSuppression(lines[index] ?? '') : undefined
    return suppression?.justified === true && suppression.ids.includes(id)
  })
}

/** Splits findings into blocking (HIGH/MEDIUM, not suppressed with a reason), suppressed and informational. */
export function checkFindings(findings, { root }) {
  const verdict = { blocking: [], suppressed: [], informational: [] }
  for (const finding of findings) {
    if (!BLOCKING.has(finding.severity)) verdict.informational.push(finding)
    else if (finding.file !== 'N/A' && isSuppressed(resolve(root, finding.file), finding.line, finding.id)) verdict.suppressed.push(finding)
    else verdict.blocking.push(finding)
  }
  return verdict
}

/** Every `eng-disable` comment under `dir`, with whether it names known checks and gives a reason. */
export function findSuppressions(dir) {
  const found = []
  const walk = (folder) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry)
      if (statSync(path).isDirectory()) {
        if (entry !== 'node_modules') walk(path)
      } else if (SOURCE_EXTENSIONS.has(extname(entry))) {
        readFileSync(path, 'utf8')
          .split(/\r?\n/)
          .forEach((text, index) => {
            const suppression = parseSuppression(text)
            if (suppression) found.push({ file: path, line: index + 1, ...suppression })
          })
      }
    }
  }
  walk(dir)
  return found
}

export const formatFinding = (f) =>
  `${f.id} ${f.severity}/${f.confidence} at ${f.file}:${f.line}:${f.column}: ${f.description}${f.sample ? ` [${f.sample.slice(0, 120)}]` : ''}`

/** A code line reduced to what survives bundling: no whitespace, `electron.` namespace, `void`, `;` or trailing `,`. */
export const normalizeCode = (code) =>
  (code ?? '')
    .replace(/\belectron\./g, '')
    .replace(/\bvoid\s+/g, '')
    .replace(/[\s;]/g, '')
    .replace(/,$/, '')

/** Bundled output with lines this long is minified: its findings cannot be matched to a source line by text. */
const MINIFIED_LINE = 400

/**
 * Traces findings in the built output back to source findings that were reviewed (suppressed with a reason in
 * src/), one for one. Bundlers drop ordinary comments, so a suppression cannot travel into out/; instead an out/
 * finding is accepted when a reviewed src/ finding of the same check has the same code line (after normalizeCode),
 * or, for a minified renderer bundle, when an unmatched reviewed finding of the same check sits in src/renderer.
 * Anything else in out/ (code a dependency brought in, a site nobody reviewed) stays blocking.
 */
export function traceToReviewedSource(outFindings, reviewedSrcFindings) {
  const unused = [...reviewedSrcFindings]
  const take = (predicate) => {
    const index = unused.findIndex(predicate)
    return index < 0 ? undefined : unused.splice(index, 1)[0]
  }
  const traced = []
  const blocking = []
  const byText = []
  for (const finding of outFindings) {
    const source = take((s) => s.id === finding.id && normalizeCode(s.sample) === normalizeCode(finding.sample))
    if (source) traced.push({ finding, source })
    else byText.push(finding)
  }
  for (const finding of byText) {
    const minifiedRenderer = finding.file.startsWith('out/renderer/') && (finding.sample ?? '').length >= MINIFIED_LINE
    const source = minifiedRenderer ? take((s) => s.id === finding.id && s.file.startsWith('src/renderer/')) : undefined
    if (source) traced.push({ finding, source })
    else blocking.push(finding)
  }
  return { traced, blocking }
}

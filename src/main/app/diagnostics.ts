/**
 * "Copy diagnostics" (Help): what a support person asks first — which app, which OS, which Electron, Chrome and
 * Node, where the data is, the settings, the recent errors from the log, and the last API check — as plain text
 * to paste into a message.
 *
 * It holds no secret: the log lines were masked when written, and are masked again here (a file from an older
 * version, a line written by hand), with every URL's user part dropped too, so not even a proxy's login and host
 * travel together as a working address. Settings are read from the data folder's own files with every value of a
 * secret-named field replaced, and every other text scrubbed the same way as a log line.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { arch, release, type } from 'node:os'
import { join } from 'node:path'
import type { AppInfo } from '../../shared/bridge'
import type { DriftReport } from '../../shared/drift'
import { driftSummary } from '../drift/format'
import { readRecentErrors } from '../log-file'
import { maskSecrets } from '../log'

export interface DiagnosticsSource {
  appInfo: AppInfo
  userDataDir: string
  logDir: string
  /** process.versions in the app (electron and chrome are absent outside Electron). */
  versions?: Partial<Record<'electron' | 'chrome' | 'node', string>>
  /** The OS as `type release arch` (os.type(), os.release(), os.arch() unless given). */
  os?: string
  now?: () => Date
}

/** How many of the log's recent errors the text carries. */
const RECENT_ERRORS = 20
/** A settings file larger than this is named, not copied (a settings file is a few hundred bytes). */
const SETTINGS_FILE_MAX = 16_384
/** The data folder's settings files: `*settings*.json`, `*preferences*.json` and the profiles list. */
const SETTINGS_FILE_RE = /^(?:[\w.-]*(?:settings|preferences)[\w.-]*|profiles)\.json$/
/** Field names whose value is a secret wherever they appear in a settings file. */
const SECRET_FIELD_RE = /key|token|secret|passw|pwd|credential|auth|cookie|login|webhook|chat[_-]?id/i

/** A log line fit to leave the computer: masked, and no URL keeps its user part (a proxy's login or password). */
export function scrubForDiagnostics(line: string): string {
  return maskSecrets(line).replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s@/?#]*@/gi, '$1***@')
}

function scrubValue(value: unknown, key = ''): unknown {
  if (key !== '' && SECRET_FIELD_RE.test(key) && value !== null && typeof value !== 'boolean' && typeof value !== 'number') return '***'
  if (typeof value === 'string') return scrubForDiagnostics(value)
  if (Array.isArray(value)) return value.map((v) => scrubValue(v))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, k)]))
  }
  return value
}

/** Each settings file of the data folder as one line of JSON, secrets replaced. */
export function settingsForDiagnostics(userDataDir: string): string[] {
  let names: string[]
  try {
    names = readdirSync(userDataDir).filter((n) => SETTINGS_FILE_RE.test(n)).sort()
  } catch {
    return []
  }
  return names.map((name) => {
    try {
      const text = readFileSync(join(userDataDir, name), 'utf8')
      if (text.length > SETTINGS_FILE_MAX) return `${name}: (${text.length} bytes, not copied)`
      return `${name}: ${JSON.stringify(scrubValue(JSON.parse(text)))}`
    } catch {
      return `${name}: (not readable as JSON)`
    }
  })
}

/** The last API check of this run of the app ("Check the API" on Help), for the diagnostics. */
let lastDriftReport: DriftReport | undefined
export function rememberDriftReport(report: DriftReport): void {
  lastDriftReport = report
}

/** The OS as support reads it: `Linux 6.1.0 x64`. */
export function osOf(): string {
  return `${type()} ${release()} ${arch()}`
}

export function buildDiagnostics(source: DiagnosticsSource): string {
  const versions = source.versions ?? process.versions
  const errors = readRecentErrors(source.logDir, RECENT_ERRORS).map(scrubForDiagnostics)
  const settings = settingsForDiagnostics(source.userDataDir)
  const lines = [
    `${source.appInfo.name} ${source.appInfo.version}${source.appInfo.demoMode ? ' (demo)' : ''}`,
    `OS: ${source.os ?? osOf()} (${source.appInfo.platform})`,
    `Electron: ${versions.electron ?? '-'}, Chrome: ${versions.chrome ?? '-'}, Node: ${versions.node ?? '-'}`,
    `Data folder: ${source.userDataDir}`,
    `Log folder: ${source.logDir}`,
    `Written: ${(source.now ?? (() => new Date()))().toISOString()}`,
    '',
    settings.length === 0 ? 'Settings: defaults' : 'Settings (secrets replaced by ***):',
    ...settings.map((s) => `  ${s}`),
    '',
    lastDriftReport ? scrubForDiagnostics(driftSummary(lastDriftReport)) : 'API check: not run',
    '',
    errors.length === 0 ? 'Recent errors: none' : `Recent errors (last ${errors.length}):`,
    ...errors,
  ]
  return `${lines.join('\n')}\n`
}

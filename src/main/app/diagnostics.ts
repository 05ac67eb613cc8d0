/**
 * "Copy diagnostics" (Help): what a support person asks first — which app, which OS, which Electron, Chrome and
 * Node, where the data is, and the recent errors from the log — as plain text to paste into a message.
 *
 * It holds no secret: the log lines were masked when written, and are masked again here (a file from an older
 * version, a line written by hand), with every URL's user part dropped too, so not even a proxy's login and host
 * travel together as a working address.
 */
import { arch, release, type } from 'node:os'
import type { AppInfo } from '../../shared/bridge'
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

/** A log line fit to leave the computer: masked, and no URL keeps its user part (a proxy's login or password). */
export function scrubForDiagnostics(line: string): string {
  return maskSecrets(line).replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s@/?#]*@/gi, '$1***@')
}

export function buildDiagnostics(source: DiagnosticsSource): string {
  const versions = source.versions ?? process.versions
  const errors = readRecentErrors(source.logDir, RECENT_ERRORS).map(scrubForDiagnostics)
  const lines = [
    `${source.appInfo.name} ${source.appInfo.version}${source.appInfo.demoMode ? ' (demo)' : ''}`,
    `OS: ${source.os ?? `${type()} ${release()} ${arch()}`} (${source.appInfo.platform})`,
    `Electron: ${versions.electron ?? '-'}, Chrome: ${versions.chrome ?? '-'}, Node: ${versions.node ?? '-'}`,
    `Data folder: ${source.userDataDir}`,
    `Log folder: ${source.logDir}`,
    `Written: ${(source.now ?? (() => new Date()))().toISOString()}`,
    '',
    errors.length === 0 ? 'Recent errors: none' : `Recent errors (last ${errors.length}):`,
    ...errors,
  ]
  return `${lines.join('\n')}\n`
}

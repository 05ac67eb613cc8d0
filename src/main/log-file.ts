/**
 * The log on disk, so that "details were written to the log" points somewhere a desktop user can find
 * (Help → Open log folder): `<userData>/logs/main.log`, rotated by size to main.log.1 and main.log.2, so the
 * folder never holds more than about 3 MB. Lines arrive already masked (log.ts).
 *
 * Writes are synchronous: the main process logs a few lines a minute, and a line written before a crash is the
 * one that explains it. A file that cannot be written never stops the app: the line still went to stderr.
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { LogEntry } from './log'

export const LOG_FILE_NAME = 'main.log'
/** One file's size before it is rotated. */
export const LOG_FILE_MAX_BYTES = 1_000_000
/** The current file and the rotated ones kept (main.log, main.log.1, main.log.2). */
export const LOG_FILES_KEPT = 3

/** Where the log files are: one place, for the app (index.ts) and its Help screen's "Open log folder". */
export function logDirOf(userDataDir: string): string {
  return join(userDataDir, 'logs')
}

export interface LogFileOptions {
  dir: string
  maxBytes?: number
  files?: number
  now?: () => Date
}

/**
 * A sink for createLogger: each entry as `<ISO time> INFO|ERROR <line>`, the lines of a stack indented below it
 * (so every entry starts with its time, and readRecentErrors can find them again).
 */
export function createLogFile(options: LogFileOptions): (line: string, entry: LogEntry) => void {
  const maxBytes = options.maxBytes ?? LOG_FILE_MAX_BYTES
  // At least the current file and one rotated one: with one alone, rotating would mean deleting the newest lines.
  const files = Math.max(2, options.files ?? LOG_FILES_KEPT)
  const now = options.now ?? (() => new Date())
  const path = join(options.dir, LOG_FILE_NAME)
  let size: number | undefined
  let failed = false

  /** main.log.1 → main.log.2 … (the oldest is overwritten), then main.log → main.log.1. */
  function rotate(): void {
    for (let k = files - 1; k >= 1; k--) {
      try {
        renameSync(k === 1 ? path : `${path}.${k - 1}`, `${path}.${k}`)
      } catch {
        // That file is not there yet.
      }
    }
    size = 0
  }

  return (line, entry) => {
    const text = `${now().toISOString()} ${entry.error ? 'ERROR' : 'INFO '} ${line.replace(/\r?\n/g, '\n    ')}\n`
    try {
      if (size === undefined) {
        mkdirSync(options.dir, { recursive: true })
        try {
          size = statSync(path).size
        } catch {
          size = 0
        }
      }
      const bytes = Buffer.byteLength(text)
      if (size > 0 && size + bytes > maxBytes) rotate()
      appendFileSync(path, text, { mode: 0o600 })
      size += bytes
      failed = false
    } catch (err) {
      // Said once on stderr, not for every line; tried again with the next line (the disk may be back).
      if (!failed) console.error(`[iproxy] could not write the log file ${path}: ${err instanceof Error ? err.message : String(err)}`)
      failed = true
      size = undefined
    }
  }
}

/** The last `max` entries logged with an error, oldest first, from the current file and the one before it. */
export function readRecentErrors(dir: string, max = 20): string[] {
  const path = join(dir, LOG_FILE_NAME)
  const text = [`${path}.1`, path].map(readTail).join('')
  const entries = text.split(/\n(?=\d{4}-\d{2}-\d{2}T)/)
  return entries
    .filter((e) => /^\S+ ERROR /.test(e))
    .slice(-max)
    .map((e) => e.replace(/\n+$/, ''))
}

/** The file's last 256 KB (the errors of interest are the recent ones), or nothing when it does not exist. */
function readTail(path: string): string {
  try {
    const text = readFileSync(path, 'utf8')
    return text.length > 262_144 ? text.slice(text.indexOf('\n', text.length - 262_144) + 1) : text
  } catch {
    return ''
  }
}

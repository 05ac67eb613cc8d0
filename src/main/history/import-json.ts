/**
 * The one-time move from the old check history (health-history.json in the app's data folder: the last results
 * of each proxy key, written by main/health/history.ts) into the database. Everything the file holds is stored in
 * one transaction together with a marker; then the file is renamed `health-history.json.imported` and left
 * alone. A crash before the rename finds the marker on the next start and only renames, so nothing is imported
 * twice; a crash before the commit imports again from the start.
 */
import { existsSync } from 'node:fs'
import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import type { StoredCheckEntry } from '../../shared/history'
import { HISTORY_FILE as HEALTH_HISTORY_FILE } from '../health/history'
import type { Logger } from '../log'

export const IMPORTED_SUFFIX = '.imported'
const MARKER = `imported:${HEALTH_HISTORY_FILE}`

export type ImportedEntry = StoredCheckEntry & { at: number }

export interface ImportTarget {
  setting(key: string): string | undefined
  /** Stores the entries and sets the marker, in one transaction; the count stored. */
  importChecks(list: Array<{ key: string; entries: ImportedEntry[] }>, marker: { key: string; value: string }): number
}

export interface ImportResult {
  imported: number
  /** Entries the file held that were not checks (no status, no date): they could not have been shown either. */
  skipped: number
  renamedTo: string
}

/** Imports the old file if there is one; undefined when there is nothing to import. */
export async function importHealthHistory(dataDir: string, target: ImportTarget, log: Logger, now: () => number = Date.now): Promise<ImportResult | undefined> {
  const path = join(dataDir, HEALTH_HISTORY_FILE)
  if (!existsSync(path)) return undefined
  const renamedTo = path + IMPORTED_SUFFIX
  let imported = 0
  let skipped = 0
  if (target.setting(MARKER) === undefined) {
    const parsed = parseHistoryFile(await readFile(path, 'utf8'))
    skipped = parsed.skipped
    imported = target.importChecks(parsed.list, { key: MARKER, value: new Date(now()).toISOString() })
  }
  await rename(path, renamedTo)
  log(`check history: ${imported} results imported from ${path} into the history database${skipped ? ` (${skipped} entries were not results)` : ''}; the file is now ${renamedTo}`)
  return { imported, skipped, renamedTo }
}

/**
 * `{ [key]: HealthHistoryEntry[] }`, read as leniently as the old reader did. A file that is not JSON at all is
 * an error: it is left where it is (and stays unimported) rather than marked done.
 */
export function parseHistoryFile(text: string): { list: Array<{ key: string; entries: ImportedEntry[] }>; skipped: number } {
  const parsed = JSON.parse(text) as unknown
  const list: Array<{ key: string; entries: ImportedEntry[] }> = []
  let skipped = 0
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { list, skipped }
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!Array.isArray(value)) continue
    const entries: ImportedEntry[] = []
    for (const item of value as unknown[]) {
      const e = item as Partial<Record<keyof StoredCheckEntry, unknown>> | null
      const at = typeof e?.checkedAt === 'string' ? Date.parse(e.checkedAt) : Number.NaN
      if (!e || typeof e.status !== 'string' || !Number.isFinite(at)) {
        skipped++
        continue
      }
      const entry: ImportedEntry = {
        status: e.status,
        checkedAt: e.checkedAt as string,
        at,
        totalMs: typeof e.totalMs === 'number' && Number.isFinite(e.totalMs) ? e.totalMs : 0,
      }
      if (typeof e.exitIp === 'string') entry.exitIp = e.exitIp
      if (typeof e.ipMismatch === 'boolean') entry.ipMismatch = e.ipMismatch
      if (typeof e.country === 'string') entry.country = e.country
      entries.push(entry)
    }
    if (entries.length > 0) list.push({ key, entries })
  }
  return { list, skipped }
}

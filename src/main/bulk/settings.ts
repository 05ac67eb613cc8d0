/**
 * The bulk settings (contract/bulk.ts): how many actions run at once and the least gap between two on the same
 * phone, kept in the data folder as `bulk-settings.json`, written atomically. A missing file gives the defaults
 * (one that is not JSON too, moved aside: fs/read-json.ts);
 * a file with a bad field keeps the other fields (each is checked on its own), logged. A change is checked
 * against bulkSettingsUpdateSchema before anything is written, and a bad value is refused naming its field.
 */
import { join } from 'node:path'
import type { z } from 'zod'
import { DEFAULT_BULK_CONCURRENCY, DEFAULT_SAME_PHONE_GAP_SECONDS } from '../../shared/bulk'
import { bulkSettingsUpdateSchema, type BulkSettings } from '../../shared/contract/bulk'
import { AppError } from '../app-error'
import { describeIssues } from '../bridge-errors'
import { writeFileAtomic } from '../fs/atomic-write'
import { readJsonFile } from '../fs/read-json'
import type { Logger } from '../log'

export const BULK_SETTINGS_FILE = 'bulk-settings.json'

export const DEFAULT_BULK_SETTINGS: BulkSettings = {
  concurrency: DEFAULT_BULK_CONCURRENCY,
  samePhoneGapSeconds: DEFAULT_SAME_PHONE_GAP_SECONDS,
}

export type BulkSettingsUpdate = z.input<typeof bulkSettingsUpdateSchema>

export interface BulkSettingsStore {
  get(): Promise<BulkSettings>
  /** The settings as last read or written (the defaults before the first read): for the phone gate's gap. */
  current(): BulkSettings
  /** Checked first (a bad value throws a `validation` AppError naming the field); then written whole. */
  update(patch: BulkSettingsUpdate): Promise<BulkSettings>
}

export function createBulkSettingsStore(options: { dataDir: string; log: Logger }): BulkSettingsStore {
  const path = join(options.dataDir, BULK_SETTINGS_FILE)
  let cached: BulkSettings | undefined
  let loading: Promise<BulkSettings> | undefined
  let queue: Promise<unknown> = Promise.resolve()

  async function read(): Promise<BulkSettings> {
    const result: BulkSettings = { ...DEFAULT_BULK_SETTINGS }
    const stored = await readJsonFile(path, options.log)
    if (stored === undefined) return result
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
      options.log(`${path} is not a JSON object; using the default bulk settings`)
      return result
    }
    const shape = bulkSettingsUpdateSchema.shape
    for (const key of Object.keys(DEFAULT_BULK_SETTINGS) as Array<keyof BulkSettings>) {
      if (!(key in stored)) continue
      const parsed = shape[key].safeParse((stored as Record<string, unknown>)[key])
      if (parsed.success && parsed.data !== undefined) result[key] = parsed.data
      else options.log(`${path}: ${key} is not valid; using its default`)
    }
    return result
  }

  function load(): Promise<BulkSettings> {
    if (cached) return Promise.resolve(cached)
    loading ??= read().then((settings) => (cached ??= settings))
    return loading
  }

  return {
    get: load,
    current: () => cached ?? DEFAULT_BULK_SETTINGS,
    update(patch) {
      const parsed = bulkSettingsUpdateSchema.safeParse(patch)
      if (!parsed.success) {
        const issues = describeIssues(parsed.error)
        const words = issues.map((i) => `${i.field}: ${i.message}`).join('; ')
        return Promise.reject(new AppError('validation', `Invalid bulk settings: ${words}`, { field: issues[0]?.field, issues }))
      }
      const run = queue.then(async () => {
        const next: BulkSettings = { ...(await load()) }
        if (parsed.data.concurrency !== undefined) next.concurrency = parsed.data.concurrency
        if (parsed.data.samePhoneGapSeconds !== undefined) next.samePhoneGapSeconds = parsed.data.samePhoneGapSeconds
        await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`)
        cached = next
        return next
      })
      queue = run.catch(() => {})
      return run
    },
  }
}

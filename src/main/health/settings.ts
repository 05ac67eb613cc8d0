/**
 * The health-check settings (echo URLs, timeout, concurrency, throughput download), kept in the user-data
 * folder as `health-settings.json`, written atomically. A missing or unreadable file gives the defaults (one that
 * cannot be read is moved aside first: fs/read-json.ts).
 */
import { join } from 'node:path'
import { DEFAULT_HEALTH_SETTINGS, healthSettingsUpdateSchema, type HealthSettings } from '../../shared/health'
import { writeFileAtomic } from '../fs/atomic-write'
import { readJsonFile } from '../fs/read-json'
import type { Logger } from '../log'

export const SETTINGS_FILE = 'health-settings.json'

export interface HealthSettingsStore {
  get(): Promise<HealthSettings>
  update(patch: Partial<HealthSettings>): Promise<HealthSettings>
}

export function createHealthSettingsStore(options: { dataDir: string; log: Logger }): HealthSettingsStore {
  const path = join(options.dataDir, SETTINGS_FILE)
  let cached: HealthSettings | undefined
  let queue: Promise<unknown> = Promise.resolve()

  async function load(): Promise<HealthSettings> {
    if (cached) return cached
    let stored: Partial<HealthSettings> = {}
    const value = await readJsonFile(path, options.log)
    if (value !== undefined) {
      const parsed = healthSettingsUpdateSchema.safeParse(value)
      if (parsed.success) stored = parsed.data as Partial<HealthSettings>
      else options.log(`health settings in ${path} are not valid; using the defaults`)
    }
    cached = { ...DEFAULT_HEALTH_SETTINGS, ...stored }
    return cached
  }

  return {
    get: () => load(),
    update(patch) {
      const run = queue.then(async () => {
        const next: HealthSettings = { ...(await load()) }
        for (const [k, v] of Object.entries(patch)) if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = v
        await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`)
        cached = next
        return next
      })
      queue = run.catch(() => {})
      return run
    },
  }
}

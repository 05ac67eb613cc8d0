/**
 * The last used proxy format, address choice and template, kept in `<userData>/export-preferences.json`
 * (written atomically). A missing or damaged file gives the defaults.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { exportPreferencesSchema, type ExportPreferences } from '../../shared/exports'
import { DEFAULT_TEMPLATE } from '../../shared/proxy-list/format'
import { writeFileAtomic } from '../fs/atomic-write'

export const DEFAULT_EXPORT_PREFERENCES: ExportPreferences = { format: 'url', address: 'hostname', template: DEFAULT_TEMPLATE }

export const PREFERENCES_FILE = 'export-preferences.json'

export function createPreferencesStore(userDataDir: string) {
  const path = join(userDataDir, PREFERENCES_FILE)
  let cached: ExportPreferences | undefined

  async function get(): Promise<ExportPreferences> {
    if (cached) return cached
    try {
      const parsed = exportPreferencesSchema.partial().safeParse(JSON.parse(await readFile(path, 'utf8')))
      cached = { ...DEFAULT_EXPORT_PREFERENCES, ...(parsed.success ? parsed.data : {}) }
    } catch {
      cached = { ...DEFAULT_EXPORT_PREFERENCES }
    }
    return cached
  }

  async function update(change: Partial<ExportPreferences>): Promise<ExportPreferences> {
    const next = { ...(await get()), ...change }
    const current = await get()
    if (next.format === current.format && next.address === current.address && next.template === current.template) return current
    await mkdir(userDataDir, { recursive: true })
    await writeFileAtomic(path, JSON.stringify(next, null, 2) + '\n')
    cached = next
    return next
  }

  return { get, update, path }
}

export type PreferencesStore = ReturnType<typeof createPreferencesStore>

/**
 * The last used proxy format, address choice and template, and how soon a copy with passwords leaves the
 * clipboard, kept in `<userData>/export-preferences.json` (written atomically). A missing or damaged file, or a
 * damaged value in it, gives the defaults.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DEFAULT_EXPORT_PREFERENCES, exportPreferencesSchema, type ExportPreferences } from '../../shared/exports'
import { writeFileAtomic } from '../fs/atomic-write'

export { DEFAULT_EXPORT_PREFERENCES }

export const PREFERENCES_FILE = 'export-preferences.json'

export function createPreferencesStore(userDataDir: string) {
  const path = join(userDataDir, PREFERENCES_FILE)
  let cached: ExportPreferences | undefined

  async function get(): Promise<ExportPreferences> {
    if (cached) return cached
    try {
      const stored = JSON.parse(await readFile(path, 'utf8')) as unknown
      cached = { ...DEFAULT_EXPORT_PREFERENCES }
      // Each value on its own, so one damaged value (or a file from a newer version) does not lose the others.
      if (typeof stored === 'object' && stored !== null) {
        for (const [key, schema] of Object.entries(exportPreferencesSchema.shape)) {
          const value = schema.safeParse((stored as Record<string, unknown>)[key])
          if (value.success) Object.assign(cached, { [key]: value.data })
        }
      }
    } catch {
      cached = { ...DEFAULT_EXPORT_PREFERENCES }
    }
    return cached
  }

  async function update(change: Partial<ExportPreferences>): Promise<ExportPreferences> {
    const next = { ...(await get()), ...change }
    const current = await get()
    if ((Object.keys(next) as Array<keyof ExportPreferences>).every((key) => next[key] === current[key])) return current
    await mkdir(userDataDir, { recursive: true })
    await writeFileAtomic(path, JSON.stringify(next, null, 2) + '\n')
    cached = next
    return next
  }

  return { get, update, path }
}

export type PreferencesStore = ReturnType<typeof createPreferencesStore>

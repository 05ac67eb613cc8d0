/**
 * The two update settings (channel, only notify) in the data folder's `update-settings.json`. A missing or damaged
 * file means the defaults: stable, download in the background. Read at start; Help writes it (support-calls.ts).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../fs/atomic-write'
import { DEFAULT_UPDATE_SETTINGS, UPDATE_CHANNELS, type UpdateSettings } from '../../shared/update'

export const UPDATE_SETTINGS_FILE = 'update-settings.json'

const settingsSchema = z.object({
  channel: z.enum(UPDATE_CHANNELS).catch(DEFAULT_UPDATE_SETTINGS.channel),
  onlyNotify: z.boolean().catch(DEFAULT_UPDATE_SETTINGS.onlyNotify),
})

export function readUpdateSettings(userDataDir: string): UpdateSettings {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(join(userDataDir, UPDATE_SETTINGS_FILE), 'utf8')))
    return parsed.success ? parsed.data : { ...DEFAULT_UPDATE_SETTINGS }
  } catch {
    return { ...DEFAULT_UPDATE_SETTINGS }
  }
}

/** Saves the settings atomically (a crash mid-write leaves the old file, never half a file). */
export async function writeUpdateSettings(userDataDir: string, settings: UpdateSettings): Promise<void> {
  await writeFileAtomic(join(userDataDir, UPDATE_SETTINGS_FILE), `${JSON.stringify(settings, null, 2)}\n`)
}

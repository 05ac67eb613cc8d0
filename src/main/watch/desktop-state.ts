/**
 * What the desktop app remembers about itself beyond the watch settings: that the user was told, once, that closing
 * the window keeps watching in the tray. Kept in `<userData>/desktop-state.json`, written atomically; a missing or
 * damaged file reads as "not told yet" (telling twice beats never telling).
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../fs/atomic-write'

export const DESKTOP_STATE_FILE = 'desktop-state.json'

export interface DesktopState {
  toldAboutTray(): Promise<boolean>
  markToldAboutTray(): Promise<void>
}

export function createDesktopState(userDataDir: string): DesktopState {
  const path = join(userDataDir, DESKTOP_STATE_FILE)
  let told: boolean | undefined
  return {
    async toldAboutTray() {
      if (told === undefined) {
        try {
          told = (JSON.parse(await readFile(path, 'utf8')) as { toldAboutTray?: unknown }).toldAboutTray === true
        } catch {
          told = false
        }
      }
      return told
    },
    async markToldAboutTray() {
      told = true
      await mkdir(userDataDir, { recursive: true })
      await writeFileAtomic(path, JSON.stringify({ toldAboutTray: true }, null, 2) + '\n')
    },
  }
}

/**
 * The shell's updater: electron-updater's events turned into the update model's (model.ts), into the process's
 * update store (store.ts) that Help and the banner read. Checks at start and every four hours; downloads in the
 * background unless the user chose "only notify"; the beta channel also takes pre-releases. A downloaded update
 * installs on "Restart to update" or when the app quits.
 *
 * This file imports electron-updater (which loads Electron itself), never `electron`: main/index.ts calls it with
 * one line. `updater` can be given (tests pass an EventEmitter that plays electron-updater's part).
 */
import type { EventEmitter } from 'node:events'
import type { AppUpdater, ProgressInfo, UpdateInfo } from 'electron-updater'
import type { UpdateRelease, UpdateSettings } from '../../shared/update'
import { maskSecrets, type Logger } from '../log'
import { UPDATE_CHECK_INTERVAL_MS } from './model'
import { readUpdateSettings } from './settings'
import { updateStore, type UpdateStore } from './store'

/** The part of electron-updater's AppUpdater this file uses. */
export type Updater = Pick<AppUpdater, 'autoDownload' | 'autoInstallOnAppQuit' | 'allowPrerelease' | 'allowDowngrade' | 'channel' | 'checkForUpdates' | 'downloadUpdate' | 'quitAndInstall'> &
  Pick<EventEmitter, 'on'> & { logger: unknown }

export interface ShellUpdaterOptions {
  log: Logger
  userDataDir: string
  /** app.isPackaged: a development build has no feed to read. */
  isPackaged: boolean
  updater?: Updater
  store?: UpdateStore
  /** First check this long after start (the window comes first). */
  firstCheckDelayMs?: number
  now?: () => Date
}

function notesOf(notes: UpdateInfo['releaseNotes']): string | undefined {
  if (typeof notes === 'string') return notes.replace(/<[^>]*>/g, '').trim() || undefined
  if (Array.isArray(notes)) return notes.map((n) => (n.note ?? '').replace(/<[^>]*>/g, '').trim()).filter(Boolean).join('\n\n') || undefined
  return undefined
}

function releaseOf(info: UpdateInfo): UpdateRelease {
  const notes = notesOf(info.releaseNotes)
  return { version: info.version, ...(info.releaseDate ? { releaseDate: info.releaseDate } : {}), ...(notes ? { releaseNotes: notes } : {}) }
}

export async function startShellUpdater(options: ShellUpdaterOptions): Promise<{ stop(): void }> {
  const store = options.store ?? updateStore
  if (!options.isPackaged && !options.updater) {
    options.log('updates: a development build reads no update feed; not checking')
    return { stop: () => undefined }
  }
  const updater: Updater = options.updater ?? ((await import('electron-updater')).autoUpdater as Updater)
  let settings = readUpdateSettings(options.userDataDir)
  const configure = (next: UpdateSettings) => {
    settings = next
    updater.autoDownload = !next.onlyNotify
    updater.allowPrerelease = next.channel === 'beta'
    updater.channel = next.channel === 'beta' ? 'beta' : 'latest'
  }
  updater.logger = null
  updater.autoInstallOnAppQuit = true
  updater.allowDowngrade = false
  configure(settings)
  const now = options.now ?? (() => new Date())

  updater.on('checking-for-update', () => store.dispatch({ type: 'check-started' }))
  updater.on('update-available', (info: UpdateInfo) => {
    store.dispatch({ type: 'update-available', ...releaseOf(info) })
    options.log(`updates: ${info.version} is available${settings.onlyNotify ? ' (only notify: not downloading)' : ''}`)
  })
  updater.on('update-not-available', () => store.dispatch({ type: 'update-not-available', at: now().toISOString() }))
  updater.on('download-progress', (p: ProgressInfo) => store.dispatch({ type: 'download-progress', transferred: p.transferred, total: p.total }))
  updater.on('update-downloaded', (info: UpdateInfo) => {
    store.dispatch({ type: 'update-downloaded', ...releaseOf(info) })
    options.log(`updates: ${info.version} is downloaded and verified; it installs on restart`)
  })
  updater.on('error', (err: Error) => {
    const message = maskSecrets(err?.message ?? String(err))
    store.dispatch({ type: 'error', message })
    options.log('updates: the update failed', new Error(message))
  })
  store.setActions({
    download: async () => {
      await updater.downloadUpdate()
    },
    restart: () => {
      if (store.state().kind === 'ready') updater.quitAndInstall()
    },
    configure,
  })

  const check = () => {
    // Failures arrive as 'error' events too; the promise's rejection is handled there.
    updater.checkForUpdates()?.catch(() => undefined)
  }
  const first = setTimeout(check, options.firstCheckDelayMs ?? 10_000)
  const every = setInterval(check, UPDATE_CHECK_INTERVAL_MS)
  first.unref?.()
  every.unref?.()
  return {
    stop: () => {
      clearTimeout(first)
      clearInterval(every)
      store.setActions(undefined)
    },
  }
}

/**
 * The update model: the updater's events in, the state the interface shows out. Pure (no Electron, no clock, no
 * I/O), so every transition is tested as a table (test/unit/update/model.test.ts); the shell (shell-updater.ts)
 * feeds electron-updater's events through it, and the feed tests feed the plain-Node feed reader's (feed.ts).
 *
 *   idle ─check→ checking ─available→ available ─(download)→ downloading ─downloaded→ ready
 *                   └─not available→ idle (lastCheckedAt)        any ─error→ error (keeps the release it was about)
 *
 * A check while downloading or ready changes nothing: a background re-check must not hide a download under way
 * or a ready update. "Only notify" stops at `available` until the user asks for the download.
 */
import type { UpdateRelease, UpdateSettings, UpdateState } from '../../shared/update'

export type UpdateEvent =
  | { type: 'check-started' }
  | ({ type: 'update-available' } & UpdateRelease)
  | { type: 'update-not-available'; at: string }
  | { type: 'download-progress'; transferred: number; total: number }
  | ({ type: 'update-downloaded' } & UpdateRelease)
  | { type: 'error'; message: string }

export const INITIAL_UPDATE_STATE: UpdateState = { kind: 'idle' }

/** Checked at start and then every four hours (an app left open for days still hears of a fix). */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000

function releaseOf(state: UpdateState): UpdateRelease | undefined {
  if (state.kind === 'available' || state.kind === 'downloading' || state.kind === 'ready') {
    const { version, releaseDate, releaseNotes } = state
    return { version, ...(releaseDate ? { releaseDate } : {}), ...(releaseNotes ? { releaseNotes } : {}) }
  }
  return state.kind === 'error' ? state.release : undefined
}

function release(event: UpdateRelease): UpdateRelease {
  return { version: event.version, ...(event.releaseDate ? { releaseDate: event.releaseDate } : {}), ...(event.releaseNotes ? { releaseNotes: event.releaseNotes } : {}) }
}

export function reduceUpdate(state: UpdateState, event: UpdateEvent): UpdateState {
  switch (event.type) {
    case 'check-started':
      return state.kind === 'downloading' || state.kind === 'ready' ? state : { kind: 'checking' }
    case 'update-available':
      // The same version already downloaded (or downloading) stays so; a newer one starts over.
      if ((state.kind === 'ready' || state.kind === 'downloading') && state.version === event.version) return state
      return { kind: 'available', ...release(event) }
    case 'update-not-available':
      return state.kind === 'downloading' || state.kind === 'ready' ? state : { kind: 'idle', lastCheckedAt: event.at }
    case 'download-progress': {
      const known = releaseOf(state)
      if (!known || state.kind === 'ready') return state
      const total = Math.max(0, event.total)
      const transferred = Math.min(Math.max(0, event.transferred), total)
      const percent = total === 0 ? 0 : Math.floor((transferred / total) * 100)
      return { kind: 'downloading', ...known, percent, transferred, total }
    }
    case 'update-downloaded':
      return { kind: 'ready', ...(releaseOf(state) ?? {}), ...release(event) }
    case 'error': {
      const known = releaseOf(state)
      return { kind: 'error', message: event.message, ...(known ? { release: known } : {}) }
    }
  }
}

/** Whether the shell should start the download now: an update is available and the user did not ask to be only told. */
export function shouldDownload(state: UpdateState, settings: UpdateSettings): boolean {
  return state.kind === 'available' && !settings.onlyNotify
}

/**
 * The feed file electron-builder writes for a channel and platform: `latest.yml` (Windows), `latest-mac.yml`,
 * `latest-linux.yml`; the beta channel reads `beta*.yml` (electron-builder writes it for `-beta` versions).
 */
export function feedFileName(channel: UpdateSettings['channel'], platform: NodeJS.Platform | string): string {
  const base = channel === 'beta' ? 'beta' : 'latest'
  if (platform === 'darwin') return `${base}-mac.yml`
  if (platform === 'linux') return `${base}-linux.yml`
  return `${base}.yml`
}

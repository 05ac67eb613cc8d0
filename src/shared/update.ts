/**
 * The app's own updates as the interface sees them: the update model's states (main/update/model.ts turns the
 * updater's events into these) and the two settings, the channel and "only notify".
 */
export const UPDATE_CHANNELS = ['stable', 'beta'] as const
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number]

export interface UpdateSettings {
  channel: UpdateChannel
  /** Tell the user a version is out, but download nothing until asked. */
  onlyNotify: boolean
}

export const DEFAULT_UPDATE_SETTINGS: UpdateSettings = { channel: 'stable', onlyNotify: false }

/** A release the feed offers: its version and, when the release has them, its date and notes (plain text). */
export interface UpdateRelease {
  version: string
  releaseDate?: string
  releaseNotes?: string
}

export type UpdateState =
  | { kind: 'idle'; lastCheckedAt?: string }
  | { kind: 'checking' }
  | ({ kind: 'available' } & UpdateRelease)
  | ({ kind: 'downloading'; percent: number; transferred: number; total: number } & UpdateRelease)
  /** Downloaded and verified: installed on "Restart to update" or when the app quits. */
  | ({ kind: 'ready' } & UpdateRelease)
  | { kind: 'error'; message: string; release?: UpdateRelease }

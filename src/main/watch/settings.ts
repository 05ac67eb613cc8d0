/**
 * The watch settings (shared/watch.ts), kept in the data folder as `watch-settings.json`, written atomically.
 * A missing file gives the defaults; an unreadable one gives the defaults too, and a file with one bad field
 * keeps every other field (each is checked on its own), both logged; a file that is not JSON is moved aside
 * (`watch-settings.json.unreadable-<time>`) rather than written over by the next change. Every change is checked whole against
 * watchSettingsSchema before anything is written, and a bad value is refused naming its field.
 *
 * The Telegram bot token is kept in the OS keychain, like API keys, under its own keychain service
 * (WATCH_KEYCHAIN_SERVICE): the profiles' service lists every account it holds as a profile key, so a token
 * filed there would show up as an orphan profile key. The command line (created with `env`) takes
 * IPROXY_TELEGRAM_TOKEN first, for servers where no keychain runs.
 */
import { join } from 'node:path'
import type { z } from 'zod'
import { DEFAULT_WATCH_SETTINGS, watchSettingsSchema, type WatchSettings, type WatchSettingsUpdate } from '../../shared/watch'
import { AppError } from '../app-error'
import { describeIssues, type ValidationIssue } from '../bridge-errors'
import { writeFileAtomic } from '../fs/atomic-write'
import { readJsonFile } from '../fs/read-json'
import type { Logger } from '../log'
import { createKeychain, type SecretStore } from '../secrets/keychain'
import type { WatchSettingsStore } from './types'

export const WATCH_SETTINGS_FILE = 'watch-settings.json'
/** The keychain service the bot token is filed under (not the profiles' `iproxy-desktop`: see above). */
export const WATCH_KEYCHAIN_SERVICE = 'iproxy-desktop-watch'
export const TELEGRAM_TOKEN_ACCOUNT = 'telegram-bot-token'
export const TELEGRAM_TOKEN_ENV = 'IPROXY_TELEGRAM_TOKEN'

/**
 * A settings change refused: `field` names the first bad field (`webhooks.0`, `quietHours.from`). It reaches the
 * page as the bridge's own validation error (code `validation`, `details.issues`), so the form words it.
 */
export class WatchSettingsError extends AppError {
  readonly field: string
  readonly issues: ValidationIssue[]

  constructor(error: z.ZodError) {
    const issues = describeIssues(error)
    const first = issues[0]
    super('validation', `Invalid watch settings: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, { field: first?.field, issues })
    this.name = 'WatchSettingsError'
    this.field = first?.field ?? '(input)'
    this.issues = issues
  }
}

export interface WatchSettingsStoreOptions {
  dataDir: string
  /**
   * Where the bot token is kept. Leave it out in the app and the command line: the default is the OS keychain
   * under WATCH_KEYCHAIN_SERVICE. Do NOT pass the profiles' keychain (createKeychain() with its default service):
   * the token would be listed, and offered for removal, as an API key without a profile. Tests pass a memory store.
   */
  keychain?: SecretStore
  log: Logger
  /** The command line passes process.env: IPROXY_TELEGRAM_TOKEN then comes before the keychain. */
  env?: Record<string, string | undefined>
}

/** What a stored file holds, field by field: a bad field falls back to its default, the others are kept. */
function fromFile(value: unknown, log: (message: string) => void): WatchSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    log('it is not a JSON object')
    return structuredClone(DEFAULT_WATCH_SETTINGS)
  }
  const stored = value as Record<string, unknown>
  const result: Record<string, unknown> = structuredClone(DEFAULT_WATCH_SETTINGS)
  const shape = watchSettingsSchema.shape as Record<string, z.ZodType>
  for (const key of Object.keys(shape)) {
    if (!(key in stored)) continue
    const parsed = shape[key]!.safeParse(stored[key])
    if (parsed.success) result[key] = parsed.data
    else log(`${key} is not valid (${parsed.error.issues[0]?.message ?? 'invalid'}); using its default`)
  }
  return result as WatchSettings
}

export function createWatchSettingsStore(options: WatchSettingsStoreOptions): WatchSettingsStore {
  const path = join(options.dataDir, WATCH_SETTINGS_FILE)
  const keychain = options.keychain ?? createKeychain({ service: WATCH_KEYCHAIN_SERVICE })
  let cached: WatchSettings | undefined
  // Updates one after another: each starts from the one before, so two quick changes both stick.
  let queue: Promise<unknown> = Promise.resolve()

  async function load(): Promise<WatchSettings> {
    if (cached) return cached
    const stored = await readJsonFile(path, options.log)
    cached = stored === undefined ? structuredClone(DEFAULT_WATCH_SETTINGS) : fromFile(stored, (problem) => options.log(`watch settings in ${path}: ${problem}`))
    return cached
  }

  function envToken(): string | undefined {
    const value = options.env?.[TELEGRAM_TOKEN_ENV]?.trim()
    return value ? value : undefined
  }

  return {
    get: async () => structuredClone(await load()),
    update(patch: WatchSettingsUpdate) {
      const run = queue.then(async () => {
        const merged: Record<string, unknown> = { ...(await load()) }
        for (const [key, value] of Object.entries(patch)) if (value !== undefined) merged[key] = value
        const parsed = watchSettingsSchema.safeParse(merged)
        if (!parsed.success) throw new WatchSettingsError(parsed.error)
        await writeFileAtomic(path, `${JSON.stringify(parsed.data, null, 2)}\n`)
        cached = parsed.data
        return structuredClone(parsed.data)
      })
      queue = run.catch(() => {})
      return run
    },
    async telegramToken() {
      const fromEnv = envToken()
      if (fromEnv) return fromEnv
      return (await keychain.get(TELEGRAM_TOKEN_ACCOUNT)) ?? undefined
    },
    async setTelegramToken(token: string) {
      const value = token.trim()
      if (value === '') await keychain.delete(TELEGRAM_TOKEN_ACCOUNT)
      else await keychain.set(TELEGRAM_TOKEN_ACCOUNT, value)
    },
  }
}

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { toBridgeError } from '../../../src/main/bridge-errors'
import { createKeychain, createMemorySecretStore, KEYCHAIN_SERVICE } from '../../../src/main/secrets/keychain'
import {
  createWatchSettingsStore,
  TELEGRAM_TOKEN_ACCOUNT,
  WATCH_KEYCHAIN_SERVICE,
  WATCH_SETTINGS_FILE,
  WatchSettingsError,
} from '../../../src/main/watch/settings'
import { DEFAULT_WATCH_SETTINGS } from '../../../src/shared/watch'
import { keychainAccounts, keychainEntries, keyringAvailability } from '../../support/keyring'
import { requireSystem } from '../../support/system'

const folders: string[] = []
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true })
})

async function dataDir(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'watch-settings-'))
  folders.push(folder)
  return folder
}

function store(dir: string, extra: { env?: Record<string, string | undefined> } = {}) {
  const logs: string[] = []
  const keychain = createMemorySecretStore()
  const s = createWatchSettingsStore({ dataDir: dir, keychain, log: (m) => logs.push(m), ...extra })
  return { store: s, logs, keychain }
}

describe('the watch settings store', () => {
  it('gives the defaults when there is no file, and keeps a change across a restart', async () => {
    const dir = await dataDir()
    const first = store(dir).store
    expect(await first.get()).toEqual(DEFAULT_WATCH_SETTINGS)
    const webhooks = ['https://hooks.example.com/a', 'http://127.0.0.1:9000/b']
    await first.update({ webhooks, intervalSeconds: 60 })
    await first.update({ quietHours: { enabled: true, from: '22:30', to: '07:00' } })

    const again = store(dir).store
    expect(await again.get()).toEqual({ ...DEFAULT_WATCH_SETTINGS, webhooks, intervalSeconds: 60, quietHours: { enabled: true, from: '22:30', to: '07:00' } })
    // Written atomically: only the file itself, no temporary left behind.
    expect(await readdir(dir)).toEqual([WATCH_SETTINGS_FILE])
    expect(JSON.parse(await readFile(join(dir, WATCH_SETTINGS_FILE), 'utf8'))).toMatchObject({ intervalSeconds: 60 })
  })

  it('refuses a bad value naming its field, writes nothing, and the bridge carries it as a validation error', async () => {
    const dir = await dataDir()
    const { store: s } = store(dir)
    await s.update({ intervalSeconds: 45 })
    const bad = s.update({ intervalSeconds: 90, webhooks: ['https://ok.example.com', 'ftp://files.example.com'] })
    await expect(bad).rejects.toBeInstanceOf(WatchSettingsError)
    const error = (await bad.catch((e: unknown) => e)) as WatchSettingsError
    expect(error.field).toBe('webhooks.1')
    expect(error.message).toBe('Invalid watch settings: webhooks.1: must be an http(s) URL')
    expect(toBridgeError(error, () => {})).toMatchObject({ code: 'validation', details: { issues: [{ field: 'webhooks.1' }] } })

    await expect(s.update({ intervalSeconds: 5 })).rejects.toMatchObject({ field: 'intervalSeconds' })
    await expect(s.update({ quietHours: { enabled: true, from: '25:00', to: '07:00' } })).rejects.toMatchObject({ field: 'quietHours.from' })
    // Nothing of the refused changes was kept, in memory or on disk.
    expect((await s.get()).intervalSeconds).toBe(45)
    expect((await store(dir).store.get()).intervalSeconds).toBe(45)
  })

  it('reads a corrupt file as the defaults, and a file with one bad field keeps the others (both logged)', async () => {
    const dir = await dataDir()
    await writeFile(join(dir, WATCH_SETTINGS_FILE), '{"intervalSeconds": 60, "webh')
    const corrupt = store(dir)
    expect(await corrupt.store.get()).toEqual(DEFAULT_WATCH_SETTINGS)
    expect(corrupt.logs.join('\n')).toContain('it is not JSON; using the defaults (the file is now')
    // Kept aside for the user, not written over by the next change.
    const aside = (await readdir(dir)).filter((f) => f.startsWith(`${WATCH_SETTINGS_FILE}.unreadable-`))
    expect(aside).toHaveLength(1)
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe('{"intervalSeconds": 60, "webh')

    await writeFile(join(dir, WATCH_SETTINGS_FILE), JSON.stringify({ intervalSeconds: 60, offlineAfterSeconds: -1, futureSetting: true }))
    const partly = store(dir)
    expect(await partly.store.get()).toEqual({ ...DEFAULT_WATCH_SETTINGS, intervalSeconds: 60 })
    expect(partly.logs.join('\n')).toContain('offlineAfterSeconds is not valid')
    // The next change writes a whole, valid file again.
    await partly.store.update({ desktopNotifications: false })
    expect(JSON.parse(await readFile(join(dir, WATCH_SETTINGS_FILE), 'utf8'))).toEqual({ ...DEFAULT_WATCH_SETTINGS, intervalSeconds: 60, desktopNotifications: false })
  })

  it('keeps two quick changes: each starts from the one before', async () => {
    const dir = await dataDir()
    const { store: s } = store(dir)
    await Promise.all([s.update({ intervalSeconds: 20 }), s.update({ desktopNotifications: false })])
    expect(await store(dir).store.get()).toMatchObject({ intervalSeconds: 20, desktopNotifications: false })
  })

  it('takes IPROXY_TELEGRAM_TOKEN before the keychain only when made with env (the command line)', async () => {
    const dir = await dataDir()
    const desktop = store(dir)
    await desktop.store.setTelegramToken('  123456:stored-in-keychain  ')
    expect(await desktop.keychain.get(TELEGRAM_TOKEN_ACCOUNT)).toBe('123456:stored-in-keychain')
    expect(await desktop.store.telegramToken()).toBe('123456:stored-in-keychain')

    const cli = createWatchSettingsStore({ dataDir: dir, keychain: desktop.keychain, log: () => {}, env: { IPROXY_TELEGRAM_TOKEN: '999:from-env' } })
    expect(await cli.telegramToken()).toBe('999:from-env')
    const cliNoEnv = createWatchSettingsStore({ dataDir: dir, keychain: desktop.keychain, log: () => {}, env: { IPROXY_TELEGRAM_TOKEN: '' } })
    expect(await cliNoEnv.telegramToken()).toBe('123456:stored-in-keychain')

    await desktop.store.setTelegramToken('')
    expect(await desktop.store.telegramToken()).toBeUndefined()
  })
})

describe('the Telegram bot token in the OS keychain (a real Secret Service)', () => {
  const keychain = createKeychain({ service: WATCH_KEYCHAIN_SERVICE })
  afterEach(async () => {
    if (keyringAvailability().available) await keychain.delete(TELEGRAM_TOKEN_ACCOUNT).catch(() => false)
  })

  it('stores the token under its own service, never in the settings file, and removes it', async (ctx) => {
    if (!requireSystem('Secret Service', keyringAvailability(), ctx.skip)) return
    const dir = await dataDir()
    const logs: string[] = []
    const s = createWatchSettingsStore({ dataDir: dir, log: (m) => logs.push(m) })
    const token = '7251937465:AAHk3xQwErTyUiOpAsDfGhJkLzXcVbNm999'
    await s.setTelegramToken(token)
    await s.update({ telegram: { enabled: true, chatId: '-100', apiBaseUrl: 'https://api.telegram.org' } })

    expect(keychainEntries(TELEGRAM_TOKEN_ACCOUNT, WATCH_KEYCHAIN_SERVICE)).toContain(token)
    // Not under the profiles' service, where it would be listed as an orphan profile key.
    expect(keychainAccounts(KEYCHAIN_SERVICE)).not.toContain(TELEGRAM_TOKEN_ACCOUNT)
    expect(await createWatchSettingsStore({ dataDir: dir, log: () => {} }).telegramToken()).toBe(token)
    expect(await readFile(join(dir, WATCH_SETTINGS_FILE), 'utf8')).not.toContain(token.split(':')[1])
    expect(logs.join('\n')).not.toContain(token)

    await s.setTelegramToken('')
    expect(await s.telegramToken()).toBeUndefined()
    expect(keychainEntries(TELEGRAM_TOKEN_ACCOUNT, WATCH_KEYCHAIN_SERVICE)).not.toContain(token)
  })
})

/**
 * The shell's updater wiring, with an EventEmitter playing electron-updater's part (no Electron here): the
 * settings file sets the channel and "only notify", each updater event moves the update state, and "Restart to
 * update" installs only a downloaded update.
 */
import { EventEmitter } from 'node:events'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startShellUpdater, type Updater } from '../../../src/main/update/shell-updater'
import { createUpdateStore } from '../../../src/main/update/store'

function fakeUpdater() {
  const emitter = new EventEmitter()
  const calls: string[] = []
  const updater = Object.assign(emitter, {
    autoDownload: true, autoInstallOnAppQuit: false, allowPrerelease: false, allowDowngrade: true, channel: null as string | null, logger: {},
    checkForUpdates: async () => (calls.push('check'), null),
    downloadUpdate: async () => (calls.push('download'), []),
    quitAndInstall: () => void calls.push('install'),
  })
  return { updater: updater as unknown as Updater & EventEmitter, calls, fields: updater }
}

const dataDir = (settings?: object) => {
  const dir = mkdtempSync(join(tmpdir(), 'iproxy-updater-'))
  if (settings) writeFileSync(join(dir, 'update-settings.json'), JSON.stringify(settings))
  return dir
}

describe('the shell updater', () => {
  it('checks soon after start, downloads in the background on the stable channel, and installs a ready update on restart', async () => {
    const { updater, calls, fields } = fakeUpdater()
    const store = createUpdateStore()
    const handle = await startShellUpdater({ log: () => undefined, userDataDir: dataDir(), isPackaged: true, updater, store, firstCheckDelayMs: 1 })
    expect(fields).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, allowPrerelease: false, allowDowngrade: false, channel: 'latest', logger: null })
    await expect.poll(() => calls).toContain('check')

    store.actions()!.restart()
    expect(calls).not.toContain('install')
    updater.emit('checking-for-update')
    expect(store.state()).toEqual({ kind: 'checking' })
    updater.emit('update-available', { version: '1.3.0', releaseNotes: '<p>Fixes the <b>export</b>.</p>', releaseDate: '2026-12-01', files: [], path: '', sha512: '' })
    expect(store.state()).toEqual({ kind: 'available', version: '1.3.0', releaseDate: '2026-12-01', releaseNotes: 'Fixes the export.' })
    updater.emit('download-progress', { transferred: 512, total: 1024, percent: 50, bytesPerSecond: 1, delta: 1 })
    expect(store.state()).toMatchObject({ kind: 'downloading', percent: 50 })
    updater.emit('update-downloaded', { version: '1.3.0', files: [], path: '', sha512: '', releaseDate: '2026-12-01' })
    expect(store.state()).toMatchObject({ kind: 'ready', version: '1.3.0' })
    store.actions()!.restart()
    expect(calls).toContain('install')
    handle.stop()
    expect(store.actions()).toBeUndefined()
  })

  it('only notifies, on the beta channel, when the settings say so; an error keeps the version and hides the key', async () => {
    const { updater, fields } = fakeUpdater()
    const store = createUpdateStore()
    const logged: string[] = []
    const handle = await startShellUpdater({ log: (m, e) => logged.push(`${m} ${String(e)}`), userDataDir: dataDir({ channel: 'beta', onlyNotify: true }), isPackaged: true, updater, store, firstCheckDelayMs: 60_000 })
    expect(fields).toMatchObject({ autoDownload: false, allowPrerelease: true, channel: 'beta' })
    updater.emit('update-available', { version: '1.4.0-beta.1', files: [], path: '', sha512: '', releaseDate: '' })
    updater.emit('error', new Error('HTTP 404 for https://example.test/feed?token=abc123secret'))
    expect(store.state()).toEqual({ kind: 'error', message: 'HTTP 404 for https://example.test/feed?token=***', release: { version: '1.4.0-beta.1' } })
    expect(logged.join('\n')).not.toContain('abc123secret')
    handle.stop()
  })

  it('reads no feed in a development build, and falls back to the defaults for a damaged settings file', async () => {
    const logged: string[] = []
    await startShellUpdater({ log: (m) => logged.push(m), userDataDir: dataDir(), isPackaged: false })
    expect(logged).toEqual(['updates: a development build reads no update feed; not checking'])
    const dir = dataDir()
    writeFileSync(join(dir, 'update-settings.json'), '{ not json')
    const { updater, fields } = fakeUpdater()
    ;(await startShellUpdater({ log: () => undefined, userDataDir: dir, isPackaged: true, updater, store: createUpdateStore(), firstCheckDelayMs: 60_000 })).stop()
    expect(fields).toMatchObject({ autoDownload: true, channel: 'latest' })
  })
})

/** Closing the window, start at login, and a notification's click (window-model.ts), and the "told once" file. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createDesktopState } from '../../../src/main/watch/desktop-state'
import { HIDDEN_ARG, loginItem, noticeClick, onWindowClose, quitWhenAllWindowsClosed, startsHidden } from '../../../src/main/watch/window-model'

const base = { keepWatchingWhenClosed: true, quitting: false, trayShown: true, toldAboutTray: false }

describe('closing the window', () => {
  it('hides it and says so the first time, then hides it quietly', () => {
    expect(onWindowClose(base)).toEqual({ action: 'hide', tellAboutTray: true })
    expect(onWindowClose({ ...base, toldAboutTray: true })).toEqual({ action: 'hide', tellAboutTray: false })
  })

  it('closes it when the setting is off, when quitting, or with no tray to come back from', () => {
    for (const change of [{ keepWatchingWhenClosed: false }, { quitting: true }, { trayShown: false }]) {
      expect(onWindowClose({ ...base, ...change })).toEqual({ action: 'close', tellAboutTray: false })
    }
  })

  it('keeps the app running with no window while it watches from the tray', () => {
    expect(quitWhenAllWindowsClosed({ keepWatchingWhenClosed: true, trayShown: true, platform: 'linux' })).toBe(false)
    expect(quitWhenAllWindowsClosed({ keepWatchingWhenClosed: false, trayShown: true, platform: 'win32' })).toBe(true)
    expect(quitWhenAllWindowsClosed({ keepWatchingWhenClosed: true, trayShown: false, platform: 'linux' })).toBe(true)
    expect(quitWhenAllWindowsClosed({ keepWatchingWhenClosed: false, trayShown: true, platform: 'darwin' })).toBe(false)
  })
})

describe('start at login', () => {
  it('asks for a hidden start at login only when the setting is on', () => {
    expect(loginItem({ startAtLogin: true })).toEqual({ openAtLogin: true, openAsHidden: true, args: [HIDDEN_ARG] })
    expect(loginItem({ startAtLogin: false })).toEqual({ openAtLogin: false, openAsHidden: false, args: [] })
  })

  it('starts in the tray when started at login', () => {
    expect(startsHidden(['/usr/bin/iproxy-desktop', HIDDEN_ARG])).toBe(true)
    expect(startsHidden(['/usr/bin/iproxy-desktop'], true)).toBe(true)
    expect(startsHidden(['/usr/bin/iproxy-desktop'])).toBe(false)
  })
})

describe('a notification clicked', () => {
  it('opens the connection it is about, or the Activity screen for a fleet-wide one', () => {
    expect(noticeClick({ connectionId: 'c-7' })).toEqual({ showWindow: true, open: { connectionId: 'c-7' } })
    expect(noticeClick({})).toEqual({ showWindow: true, open: {} })
  })
})

describe('the tray notice is shown once', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('is remembered across starts of the app', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iproxy-desktop-state-'))
    dirs.push(dir)
    expect(await createDesktopState(dir).toldAboutTray()).toBe(false)
    await createDesktopState(dir).markToldAboutTray()
    expect(await createDesktopState(dir).toldAboutTray()).toBe(true)
  })
})

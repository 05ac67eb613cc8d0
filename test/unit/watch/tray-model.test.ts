/** The tray's icon, tooltip and menu from the watch's status, in English and Russian (tray-model.ts). */
import { describe, expect, it } from 'vitest'
import type { WatchStatus } from '../../../src/shared/watch'
import { ruPlural } from '../../../src/main/watch/desktop-text'
import { trayRefreshIn, trayView, type TrayMenuItem } from '../../../src/main/watch/tray-model'

const NOW = Date.UTC(2026, 11, 6, 10, 0)
const status = (over: Partial<WatchStatus>): WatchStatus => ({ running: true, state: 'all_online', counts: { total: 12, online: 12, offline: 0 }, ...over })
const labels = (menu: TrayMenuItem[]) => menu.map((item) => (item.kind === 'separator' ? '---' : item.label))
const action = (menu: TrayMenuItem[], name: string) => menu.find((item) => item.kind === 'action' && item.action === name)

describe('tray model', () => {
  it('shows each fleet state with its own icon and words', () => {
    expect(trayView(status({}), 'en', NOW)).toMatchObject({ icon: 'online', tooltip: 'iProxy Desktop\nAll 12 connections online' })
    const offline = trayView(status({ state: 'some_offline', counts: { total: 12, online: 9, offline: 3 } }), 'en', NOW)
    expect(offline.icon).toBe('offline')
    expect(offline.tooltip).toBe('iProxy Desktop\n3 of 12 connections offline')
    expect(labels(offline.menu).slice(0, 2)).toEqual(['3 of 12 connections offline', 'Online: 9 · Offline: 3'])
    const down = trayView(status({ state: 'api_unreachable' }), 'en', NOW)
    expect(down).toMatchObject({ icon: 'unreachable', tooltip: 'iProxy Desktop\nThe iProxy API cannot be reached' })
    // While the API is down the last counts are not the fleet's: no counts line.
    expect(labels(down.menu)).not.toContain('Online: 12 · Offline: 0')
    expect(trayView(status({ state: 'unknown' }), 'en', NOW)).toMatchObject({ icon: 'unknown', tooltip: 'iProxy Desktop\nChecking the connections…' })
  })

  it('says so when nothing is watched, and offers no check then', () => {
    const idle = trayView(status({ running: false, state: 'unknown' }), 'en', NOW)
    expect(idle.icon).toBe('idle')
    expect(idle.tooltip).toContain('Not watching the connections')
    expect(action(idle.menu, 'checkNow')).toMatchObject({ enabled: false })
    expect(action(idle.menu, 'open')).toMatchObject({ enabled: true })
  })

  it('has open, check all now, pause for an hour and quit; resume while paused', () => {
    const view = trayView(status({}), 'en', NOW)
    expect(labels(view.menu)).toEqual(['All 12 connections online', 'Online: 12 · Offline: 0', '---', 'Open iProxy Desktop', 'Check all now', 'Pause alerts for 1 hour', '---', 'Quit'])
    const paused = trayView(status({ pausedUntil: NOW + 3_600_000 }), 'en', NOW, 'UTC')
    expect(labels(paused.menu)).toContain('Alerts paused until 11:00')
    expect(paused.tooltip).toContain('Alerts paused until 11:00')
    expect(action(paused.menu, 'resume')).toMatchObject({ label: 'Resume alerts', enabled: true })
    expect(action(paused.menu, 'pause')).toBeUndefined()
    // A pause that has run out reads as no pause.
    expect(action(trayView(status({ pausedUntil: NOW - 1 }), 'en', NOW).menu, 'pause')).toBeDefined()
  })

  it('speaks Russian with Russian plurals', () => {
    expect(trayView(status({ counts: { total: 21, online: 21, offline: 0 } }), 'ru', NOW).tooltip).toBe('iProxy Desktop\nВсе 21 подключение в сети')
    const offline = trayView(status({ state: 'some_offline', counts: { total: 5, online: 3, offline: 2 } }), 'ru', NOW)
    expect(offline.tooltip).toBe('iProxy Desktop\nНе в сети: 2 из 5 подключений')
    expect(labels(offline.menu)).toEqual(expect.arrayContaining(['Открыть iProxy Desktop', 'Проверить все сейчас', 'Приостановить оповещения на 1 час', 'Выйти']))
    expect([1, 2, 5, 11, 12, 22, 25].map((n) => ruPlural(n, 'one', 'few', 'many'))).toEqual(['one', 'few', 'many', 'many', 'many', 'few', 'many'])
  })

  it('is drawn again when a pause runs out', () => {
    expect(trayRefreshIn(status({ pausedUntil: NOW + 60_000 }), NOW)).toBe(61_000)
    expect(trayRefreshIn(status({}), NOW)).toBeUndefined()
  })
})

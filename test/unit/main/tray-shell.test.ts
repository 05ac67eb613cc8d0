/**
 * The tray and notifications in the shell (window.ts), with `electron` mocked as in window.test.ts: the tray is
 * drawn from the tray model's view (icon, tooltip, menu), its menu items run their actions, and a notification's
 * click reaches the app.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { trayView } from '../../../src/main/watch/tray-model'

type Handler = (...args: unknown[]) => unknown

const electron = vi.hoisted(() => {
  const state = {
    trays: [] as Array<{ images: unknown[]; tooltip?: string; menu?: Array<{ label?: string; enabled?: boolean; type?: string; click?: () => void }>; handlers: Map<string, Handler>; destroyed: boolean }>,
    trayFails: false,
    notices: [] as Array<{ options: { title: string; body: string }; handlers: Map<string, Handler>; shown: boolean }>,
    notificationsSupported: true,
  }
  class Image {
    representations: unknown[] = []
    constructor(readonly buffer: Buffer) {}
    addRepresentation(rep: unknown): void {
      this.representations.push(rep)
    }
  }
  class Tray {
    record: (typeof state.trays)[number]
    constructor(image: unknown) {
      if (state.trayFails) throw new Error('no tray on this desktop')
      this.record = { images: [image], handlers: new Map(), destroyed: false }
      state.trays.push(this.record)
    }
    on(event: string, handler: Handler): void {
      this.record.handlers.set(event, handler)
    }
    setImage(image: unknown): void {
      this.record.images.push(image)
    }
    setToolTip(text: string): void {
      this.record.tooltip = text
    }
    setContextMenu(menu: { template: (typeof state.trays)[number]['menu'] }): void {
      this.record.menu = menu.template
    }
    destroy(): void {
      this.record.destroyed = true
    }
  }
  class Notification {
    record: (typeof state.notices)[number]
    static isSupported = () => state.notificationsSupported
    constructor(options: { title: string; body: string }) {
      this.record = { options, handlers: new Map(), shown: false }
      state.notices.push(this.record)
    }
    on(event: string, handler: Handler): void {
      this.record.handlers.set(event, handler)
    }
    show(): void {
      this.record.shown = true
    }
  }
  const Menu = { buildFromTemplate: (template: unknown) => ({ template }) }
  const nativeImage = { createFromBuffer: (buffer: Buffer) => new Image(buffer) }
  return { state, Tray, Notification, Menu, nativeImage }
})

vi.mock('electron', () => ({ Tray: electron.Tray, Notification: electron.Notification, Menu: electron.Menu, nativeImage: electron.nativeImage }))

const { createAppTray, showNotice, trayMenuTemplate } = await import('../../../src/main/window')

beforeEach(() => {
  electron.state.trays = []
  electron.state.notices = []
  electron.state.trayFails = false
  electron.state.notificationsSupported = true
})

const ONLINE = { running: true, state: 'all_online' as const, counts: { total: 3, online: 3, offline: 0 } }

describe('the tray', () => {
  it('shows the model: icon, tooltip and menu, and redraws the icon only when it changes', () => {
    const tray = createAppTray(() => {}, () => {})
    expect(tray).toBeDefined()
    tray?.show(trayView(ONLINE, 'en', Date.now()))
    const record = electron.state.trays[0]
    expect(record?.tooltip).toBe('iProxy Desktop\nAll 3 connections online')
    expect(record?.menu?.map((item) => item.label ?? item.type)).toEqual([
      'All 3 connections online',
      'Online: 3 · Offline: 0',
      'separator',
      'Open iProxy Desktop',
      'Check all now',
      'Pause alerts for 1 hour',
      'separator',
      'Quit',
    ])
    // Started with the "unknown" icon, then the online one; the same view again does not draw it again.
    expect(record?.images).toHaveLength(2)
    tray?.show(trayView(ONLINE, 'en', Date.now()))
    expect(record?.images).toHaveLength(2)
    tray?.destroy()
    expect(record?.destroyed).toBe(true)
  })

  it('runs the menu actions and opens the window on a click of the icon', () => {
    const actions: string[] = []
    const tray = createAppTray((action) => actions.push(action), () => {})
    tray?.show(trayView(ONLINE, 'ru', Date.now()))
    const menu = electron.state.trays[0]?.menu ?? []
    for (const item of menu) item.click?.()
    electron.state.trays[0]?.handlers.get('click')?.()
    expect(actions).toEqual(['open', 'checkNow', 'pause', 'quit', 'open'])
    expect(menu[0]).toMatchObject({ label: 'Все 3 подключения в сети', enabled: false })
  })

  it('is left out, with a line in the log, on a desktop without a tray', () => {
    electron.state.trayFails = true
    const log: string[] = []
    expect(createAppTray(() => {}, (message) => log.push(message))).toBeUndefined()
    expect(log[0]).toContain('no tray')
  })

  it('turns label, separator and action items into Electron menu items', () => {
    const clicked: string[] = []
    const template = trayMenuTemplate(
      [{ kind: 'label', label: 'x' }, { kind: 'separator' }, { kind: 'action', action: 'resume', label: 'Resume alerts', enabled: true }],
      (a) => clicked.push(a),
    )
    expect(template.slice(0, 2)).toEqual([{ label: 'x', enabled: false }, { type: 'separator' }])
    ;(template[2] as { click(): void }).click()
    expect(clicked).toEqual(['resume'])
  })
})

describe('notifications', () => {
  it('shows the notice and calls back when it is clicked', () => {
    const clicks: number[] = []
    showNotice({ title: '2 connections offline', body: 'Moscow 1, Moscow 2', connectionId: 'c1' }, () => clicks.push(1))
    const notice = electron.state.notices[0]
    expect(notice).toMatchObject({ options: { title: '2 connections offline', body: 'Moscow 1, Moscow 2' }, shown: true })
    notice?.handlers.get('click')?.()
    expect(clicks).toEqual([1])
  })

  it('shows nothing where the system has no notifications', () => {
    electron.state.notificationsSupported = false
    showNotice({ title: 't', body: 'b' }, () => {})
    expect(electron.state.notices).toHaveLength(0)
  })
})

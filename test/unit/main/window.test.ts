/**
 * One of the two tests that mock `electron` (DESIGN.md; tray-shell.test.ts is the other): Electron cannot run here, so the window's settings and the
 * handlers it installs are checked against a recording stand-in of the few Electron APIs window.ts uses.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

type Handler = (...args: unknown[]) => unknown

const electron = vi.hoisted(() => {
  const state = {
    windows: [] as Array<{ options: unknown; contentsHandlers: Map<string, Handler>; openHandler?: Handler; loaded?: string; reloads: string[] }>,
    openedExternally: [] as string[],
    permissionRequest: undefined as Handler | undefined,
    permissionCheck: undefined as Handler | undefined,
    appHandlers: new Map<string, Handler>(),
    lockGranted: true,
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
    fetched: [] as string[],
  }
  class BrowserWindow {
    webContents: Record<string, unknown>
    record: (typeof state.windows)[number]
    constructor(options: unknown) {
      this.record = { options, contentsHandlers: new Map(), reloads: [] }
      state.windows.push(this.record)
      const record = this.record
      this.webContents = {
        on: (event: string, handler: Handler) => record.contentsHandlers.set(event, handler),
        loadURL: (url: string) => {
          record.reloads.push(url)
          return Promise.resolve()
        },
        setWindowOpenHandler: (handler: Handler) => {
          record.openHandler = handler
        },
        session: {
          setPermissionRequestHandler: (handler: Handler) => {
            state.permissionRequest = handler
          },
          setPermissionCheckHandler: (handler: Handler) => {
            state.permissionCheck = handler
          },
        },
      }
    }
    once(): void {}
    loadURL(url: string): Promise<void> {
      this.record.loaded = url
      return Promise.resolve()
    }
    isMinimized(): boolean {
      return true
    }
    restore = vi.fn()
    show = vi.fn()
    focus = vi.fn()
  }
  const app = {
    requestSingleInstanceLock: () => state.lockGranted,
    on: (event: string, handler: Handler) => state.appHandlers.set(event, handler),
  }
  const shell = {
    openExternal: async (url: string) => {
      state.openedExternally.push(url)
    },
  }
  const protocol = {
    registerSchemesAsPrivileged: (schemes: unknown[]) => state.privilegedSchemes.push(...schemes),
    handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => state.protocolHandlers.set(scheme, handler),
  }
  const net = {
    fetch: async (url: string) => {
      state.fetched.push(url)
      return new Response('file body', { status: 200 })
    },
  }
  return { state, BrowserWindow, app, shell, protocol, net }
})

vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, app: electron.app, shell: electron.shell, protocol: electron.protocol, net: electron.net }))

const { acquireSingleInstanceLock, createMainWindow, isAppPage, registerAppScheme, reloadAfterCrash, serveAppFiles } = await import('../../../src/main/window')

const PAGE = 'app://iproxy-desktop/index.html'

const logs: string[] = []

function open() {
  createMainWindow({ preloadPath: '/opt/iproxy/out/preload/index.js', appPageUrl: PAGE, log: (message) => logs.push(message) })
  const record = electron.state.windows.at(-1)!
  return record
}

function navigate(handler: Handler | undefined, url: string): boolean {
  let prevented = false
  handler?.({ preventDefault: () => (prevented = true) }, url)
  return prevented
}

beforeEach(() => {
  electron.state.windows.length = 0
  electron.state.openedExternally.length = 0
  electron.state.appHandlers.clear()
  electron.state.lockGranted = true
})

describe('main window', () => {
  it('isolates and sandboxes the renderer, with no Node and web security on', () => {
    const record = open()
    expect(record.options).toMatchObject({
      show: false,
      webPreferences: {
        preload: '/opt/iproxy/out/preload/index.js',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      },
    })
    expect(record.loaded).toBe(PAGE)
  })

  it('keeps navigation on the app page and sends allow-listed links to the OS browser', async () => {
    const record = open()
    const willNavigate = record.contentsHandlers.get('will-navigate')
    expect(navigate(willNavigate, `${PAGE}#/proxies`)).toBe(false)
    expect(navigate(willNavigate, 'https://evil.example/')).toBe(true)
    expect(navigate(willNavigate, 'file:///etc/passwd')).toBe(true)
    expect(navigate(willNavigate, 'file:///index.html')).toBe(true)
    expect(navigate(willNavigate, 'file://evilhost/share/index.html')).toBe(true)
    expect(navigate(willNavigate, 'app://evil/index.html')).toBe(true)
    expect(navigate(willNavigate, 'app://iproxy-desktop/index.html?recovered=1')).toBe(false)
    expect(navigate(willNavigate, 'https://iproxy.online/app/')).toBe(true)
    expect(navigate(record.contentsHandlers.get('will-redirect'), 'https://evil.example/')).toBe(true)
    expect(navigate(record.contentsHandlers.get('will-attach-webview'), 'https://evil.example/')).toBe(true)
    await Promise.resolve()
    expect(electron.state.openedExternally).toEqual(['https://iproxy.online/app/'])
  })

  it('denies every new window; only https iproxy.online links open, in the OS browser', async () => {
    const record = open()
    for (const url of ['https://iproxy.online/docs', 'http://iproxy.online/', 'https://evil.example/', 'https://iproxy.online.evil.example/', 'https://user:pw@iproxy.online/', 'javascript:alert(1)']) {
      expect(record.openHandler?.({ url })).toEqual({ action: 'deny' })
    }
    await Promise.resolve()
    expect(electron.state.openedExternally).toEqual(['https://iproxy.online/docs'])
  })

  it('denies every permission request and check', () => {
    open()
    const answers: boolean[] = []
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      electron.state.permissionRequest?.({}, permission, (granted: boolean) => answers.push(granted))
    }
    expect(answers).toEqual([false, false, false, false])
    expect(electron.state.permissionCheck?.({}, 'media')).toBe(false)
  })

  it('holds a single-instance lock; a second launch shows the existing window, even hidden in the tray', () => {
    const window = new electron.BrowserWindow({})
    expect(acquireSingleInstanceLock(() => window as never)).toBe(true)
    electron.state.appHandlers.get('second-instance')?.()
    expect(window.restore).toHaveBeenCalled()
    expect(window.show).toHaveBeenCalled()
    expect(window.focus).toHaveBeenCalled()
    electron.state.lockGranted = false
    expect(acquireSingleInstanceLock(() => undefined)).toBe(false)
  })

  it('tells the app page from others by its full origin, app:// or the dev server', () => {
    expect(isAppPage(`${PAGE}?x=1`, PAGE)).toBe(true)
    expect(isAppPage('file:///opt/iproxy/out/renderer/index.html', PAGE)).toBe(false)
    expect(isAppPage('file://evilhost/index.html', 'file:///index.html')).toBe(false)
    expect(isAppPage('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true)
    expect(isAppPage('http://127.0.0.1:5173/x', 'http://localhost:5173/')).toBe(false)
  })
})

describe('the app:// protocol', () => {
  it('registers app:// as a standard, secure scheme', () => {
    electron.state.privilegedSchemes.length = 0
    registerAppScheme()
    expect(electron.state.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }])
  })

  it('serves the renderer folder and refuses anything outside it or on another host', async () => {
    serveAppFiles('/opt/iproxy/out/renderer')
    const handler = electron.state.protocolHandlers.get('app')!
    electron.state.fetched.length = 0
    const ok = await handler({ url: 'app://iproxy-desktop/assets/index.js' })
    expect(ok.status).toBe(200)
    expect(electron.state.fetched).toEqual(['file:///opt/iproxy/out/renderer/assets/index.js'])
    for (const url of ['app://iproxy-desktop/..%2f..%2fmain%2findex.js', 'app://iproxy-desktop/..%2F..%2F..%2Fetc%2Fpasswd', 'app://evilhost/index.html']) {
      expect((await handler({ url })).status, url).toBe(404)
    }
    expect(electron.state.fetched).toHaveLength(1)
  })
})

describe('a renderer that stops', () => {
  const gone = (record: ReturnType<typeof open>, reason: string) =>
    record.contentsHandlers.get('render-process-gone')?.({}, { reason, exitCode: reason === 'clean-exit' ? 0 : 139 })

  it('is reloaded with a flag the page shows the user, and logged', () => {
    logs.length = 0
    const record = open()
    gone(record, 'crashed')
    expect(record.reloads).toEqual(['app://iproxy-desktop/index.html?recovered=crashed'])
    expect(logs).toEqual(["the window's page stopped (crashed, exit code 139); reloading it"])
    gone(record, 'clean-exit')
    expect(record.reloads).toHaveLength(1)
  })

  it('is not reloaded in a loop when it keeps crashing, but is again after a quiet minute', () => {
    let now = 1_000_000
    reloadAfterCrash(new electron.BrowserWindow({}).webContents as never, PAGE, () => {}, () => now)
    const last = electron.state.windows.at(-1)!
    for (let i = 0; i < 5; i++) gone(last, 'oom')
    expect(last.reloads).toHaveLength(3)
    now += 61_000
    gone(last, 'killed')
    expect(last.reloads.at(-1)).toBe('app://iproxy-desktop/index.html?recovered=killed')
    expect(last.reloads).toHaveLength(4)
  })
})

/**
 * The e2e harness: the built renderer in Debian's Chromium, with `window.iproxy` built by the same createBridge
 * as the preload and every call reaching the same handler table `main/ipc.ts` registers, on the real services.
 * Only Electron's IPC transport is replaced (by a Playwright binding).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base } from '@playwright/test'
import type { Page } from '@playwright/test'
import { eventChannel } from '../../../src/shared/bridge'
import type { AppInfo } from '../../../src/shared/bridge'
import type { Emit } from '../../../src/main/desktop'
import { createServices } from '../../../src/main/wiring'
import type { Services } from '../../../src/main/wiring'
import { createHandlerTable, createSenderCheck } from '../../../src/main/handler-table'
import type { HandlerTable } from '../../../src/main/handler-table'
import { createLogger } from '../../../src/main/log'
import { createLogFile, logDirOf } from '../../../src/main/log-file'
import { createKeychain } from '../../../src/main/secrets/keychain'
import type { DesktopNotice } from '../../../src/main/watch/types'
import { systemPartsRequired } from '../../support/system'
import { chromiumAvailability } from './chromium'
import { BRIDGE_BUNDLE, RENDERER_DIR, REPO_ROOT } from './paths'
import { serveDirectory } from './static-server'

export interface AppHarness {
  page: Page
  /** The URL the app's page was loaded from; the handler table trusts only this page. */
  pageUrl: string
  core: Services
  table: HandlerTable
  emit: Emit
  /**
   * The demo simulator main uses (started on first call): inject faults with `(await app.simulator()).faults`,
   * read or change its state through `.state`.
   */
  simulator(): ReturnType<Services['demo']['start']>
  /** Every line the main-process logger wrote during the test. */
  logs: string[]
  /** Links main was asked to open in the user's browser (nothing is opened in tests). */
  openedLinks: string[]
  /** The scratch user-data folder main writes to. */
  userDataDir: string
  /** Every envelope the handler table answered the page with, in order. */
  bridgeResults: unknown[]
  /**
   * Stands in for the native dialogs and the clipboard (the only desktop parts a browser cannot show; the clipboard
   * holds the last of `clipboard`, the texts written in order): set
   * `nextSavePath` / `nextFolder` / `nextOpenPath` before an action that opens one (undefined = the user cancels).
   * `openedPaths`: the folders main asked the file manager to open (Help → Open log folder); `notices`: the desktop
   * notifications the fleet watch showed.
   */
  desktop: { nextSavePath?: string; nextFolder?: string; nextOpenPath?: string; clipboard: string[]; dialogsShown: string[]; openedPaths: string[]; notices: DesktopNotice[] }
  /**
   * Makes main answer the next `times` calls of `channel` with this error, as a failing service would: for
   * checking what the renderer shows when a call fails, where no real service can be made to fail yet.
   */
  failNextCalls(channel: string, error: { code: string; message: string }, times?: number): void
}

export function harnessAppInfo(demoMode = false): AppInfo {
  const pkg = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { productName: string; version: string }
  return { name: pkg.productName, version: pkg.version, platform: process.platform, demoMode }
}

/** Call at the top of each spec: skips with a printed reason where no browser exists (CI fails instead). */
export function skipWithoutChromium(): void {
  const chromium = chromiumAvailability()
  if (!chromium.available && !systemPartsRequired) console.warn(`skipped: Chromium not available (${chromium.reason})`)
  base.skip(!chromium.available && !systemPartsRequired, `Chromium not available (${chromium.reason})`)
}

export const test = base.extend<{ app: AppHarness; demoMode: boolean; seedUserData: Record<string, string | Uint8Array> }>({
  /** Starts main as `--demo` does: straight into the embedded simulator's account. */
  demoMode: [false, { option: true }],
  /** Files (name → contents) put into the data folder before main starts: a damaged history.sqlite, an old file to import. */
  seedUserData: [{}, { option: true }],
  app: async ({ page, demoMode, seedUserData }, use) => {
    const server = await serveDirectory(RENDERER_DIR)
    const pageUrl = `${server.origin}/index.html`
    const logs: string[] = []
    const userDataDir = mkdtempSync(join(tmpdir(), 'iproxy-e2e-userdata-'))
    for (const [name, contents] of Object.entries(seedUserData)) writeFileSync(join(userDataDir, name), contents)
    // As the app does: every line also to the rotating log file in the data folder (Help's diagnostics read it).
    const logFile = createLogFile({ dir: logDirOf(userDataDir) })
    const log = createLogger((line, entry) => {
      logs.push(line)
      logFile(line, entry)
    })
    const emit: Emit = (name, payload) => {
      page
        .evaluate(([channel, data]) => (window as unknown as { __iproxyDispatch(c: string, p: unknown): void }).__iproxyDispatch(channel as string, data), [eventChannel(name), payload] as const)
        .catch(() => {
          // The page may be closing; events to a closed page are dropped, as Electron drops them too.
        })
    }
    const openedLinks: string[] = []
    const openExternal = async (url: string): Promise<void> => {
      openedLinks.push(url)
    }
    const desktop: AppHarness['desktop'] = { clipboard: [], dialogsShown: [], openedPaths: [], notices: [] }
    const core = createServices({
      appInfo: harnessAppInfo(demoMode),
      emit,
      log,
      openExternal,
      userDataDir,
      keychain: createKeychain(),
      desktop: {
        chooseSaveFile: async ({ title }) => {
          desktop.dialogsShown.push(title)
          return desktop.nextSavePath
        },
        chooseFolder: async ({ title }) => {
          desktop.dialogsShown.push(title)
          return desktop.nextFolder
        },
        chooseOpenFile: async ({ title }) => {
          desktop.dialogsShown.push(title)
          return desktop.nextOpenPath
        },
        writeClipboard: (text) => {
          desktop.clipboard.push(text)
        },
        // The clipboard holds what was written last.
        readClipboard: async () => desktop.clipboard.at(-1) ?? '',
        openPath: async (path) => {
          desktop.openedPaths.push(path)
        },
        notify: (notice) => {
          desktop.notices.push(notice)
        },
      },
    })
    await core.start()
    const table = createHandlerTable({ implementations: core.implementations, isTrustedSender: createSenderCheck(pageUrl), log })
    const pendingFailures = new Map<string, Array<{ code: string; message: string }>>()
    const bridgeResults: unknown[] = []
    await page.exposeBinding('__iproxyInvoke', async (source, channel: string, input: unknown) => {
      const failure = pendingFailures.get(channel)?.shift()
      const result = failure ? { ok: false, error: failure } : await table.handle(channel, source.frame.url(), input)
      bridgeResults.push(result)
      return result
    })
    await page.addInitScript({ path: BRIDGE_BUNDLE })
    await page.goto(pageUrl)
    const failNextCalls: AppHarness['failNextCalls'] = (channel, error, times = 1) => {
      pendingFailures.set(channel, [...(pendingFailures.get(channel) ?? []), ...Array.from({ length: times }, () => error)])
    }
    await use({ page, pageUrl, core, table, emit, logs, openedLinks, failNextCalls, userDataDir, bridgeResults, desktop, simulator: () => core.demo.start() })
    await core.dispose()
    await server.close()
    rmSync(userDataDir, { recursive: true, force: true })
  },
})

export { expect } from '@playwright/test'

/**
 * The bench's app: main's services (createServices, as the app and the e2e harness build it) whose demo account is a
 * simulator at scale instead of the 12-phone demo, and the built renderer in a Playwright page.
 *
 * The hook is the least invasive one available: `core.demo` is the DemoSession object main's "profiles.startDemo"
 * call and `--demo` start-up both ask for their simulator, so replacing its `start` before `core.start()` makes
 * the app open straight into the scale simulator through the ordinary profile path (profiles.startDemo with the
 * simulator's baseUrl and apiKey, kept in memory). No source file changes, no keychain needed.
 *
 * Answers cross the Playwright binding as JSON text that the page parses natively (see below).
 * It also records, in the page, when each bridge call's answer arrived (`window.__arrivals`) and when each grid
 * first showed a data row (`window.__rowsVisibleAt`, after the next animation frame), so timings are measured
 * where the user sees them.
 *
 * Main's events (`bulk.progress`, ...) reach the page only with `forwardEvents`: as the e2e harness delivers them
 * (page.evaluate → the bridge bundle's `__iproxyDispatch`), as JSON text parsed natively like the answers, and
 * each arrival recorded in `window.__arrivals` under its event channel (`event:bulk.progress`). Without it, as the
 * home-screen bench wants, events are dropped.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { eventChannel } from '../../../src/shared/bridge'
import type { Emit } from '../../../src/main/desktop'
import { createServices } from '../../../src/main/wiring'
import type { Services } from '../../../src/main/wiring'
import { startSimulator } from '../../../src/main/demo'
import type { ScaleOptions, Simulator } from '../../../src/main/demo'
import { createHandlerTable, createSenderCheck } from '../../../src/main/handler-table'
import { createLogger } from '../../../src/main/log'
import { createMemorySecretStore } from '../../../src/main/secrets/keychain'
import { BRIDGE_BUNDLE, RENDERER_DIR, REPO_ROOT } from '../../e2e/harness/paths'
import { serveDirectory } from '../../e2e/harness/static-server'

export interface ScaleApp {
  sim: Simulator
  core: Services
  pageUrl: string
  /** Every bridge call the page made, in order, with main's time to answer it. */
  calls: Array<{ channel: string; ms: number }>
  close(): Promise<void>
}

/** Runs in the page before the app: wraps the bridge binding and watches grids for their first data row. */
const PAGE_PROBES = `
(() => {
  const w = window
  w.__arrivals = {}
  w.__rowsVisibleAt = {}
  const wrap = (invoke) => async (channel, input) => {
    const text = await invoke(channel, input)
    const answer = typeof text === 'string' ? JSON.parse(text) : text
    ;(w.__arrivals[channel] ??= []).push(Date.now())
    return answer
  }
  let wrapped = typeof w.__iproxyInvoke === 'function' ? wrap(w.__iproxyInvoke) : undefined
  if (!wrapped) {
    Object.defineProperty(w, '__iproxyInvoke', {
      configurable: true,
      get: () => wrapped,
      set: (fn) => { wrapped = wrap(fn) },
    })
  } else {
    w.__iproxyInvoke = wrapped
  }
  const observer = new MutationObserver(() => {
    for (const grid of document.querySelectorAll('[role=grid]')) {
      const label = grid.getAttribute('aria-label') ?? ''
      if (w.__rowsVisibleAt[label] !== undefined || w.__rowsVisibleAt[label + ':pending']) continue
      if (!grid.querySelector('[role=row][aria-rowindex="2"]')) continue
      w.__rowsVisibleAt[label + ':pending'] = true
      requestAnimationFrame(() => { w.__rowsVisibleAt[label] = Date.now() })
    }
  })
  const start = () => observer.observe(document.documentElement, { childList: true, subtree: true })
  if (document.documentElement) start()
  else document.addEventListener('DOMContentLoaded', start)
})()
`

/** Runs in the page for each event main emits: records its arrival, then hands it to the bridge's listeners. */
function dispatchInPage([channel, text]: readonly [string, string]): void {
  const w = window as unknown as { __arrivals: Record<string, number[]>; __iproxyDispatch(channel: string, payload: unknown): void }
  ;(w.__arrivals[channel] ??= []).push(Date.now())
  w.__iproxyDispatch(channel, JSON.parse(text))
}

export async function startScaleApp(page: Page, scale: ScaleOptions, options: { forwardEvents?: boolean } = {}): Promise<ScaleApp> {
  const sim = await startSimulator({ scale })
  const server = await serveDirectory(RENDERER_DIR)
  const pageUrl = `${server.origin}/index.html`
  const userDataDir = mkdtempSync(join(tmpdir(), 'iproxy-bench-ui-'))
  const pkg = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { productName: string; version: string }
  const log = createLogger(() => {})
  const emit: Emit = (name, payload) => {
    // Events to a page that is closing or not loaded yet are dropped, as Electron drops them too.
    page.evaluate(dispatchInPage, [eventChannel(name), JSON.stringify(payload)] as const).catch(() => {})
  }
  const core = createServices({
    appInfo: { name: pkg.productName, version: pkg.version, platform: process.platform, demoMode: true },
    emit: options.forwardEvents ? emit : () => {},
    log,
    openExternal: async () => {},
    userDataDir,
    keychain: createMemorySecretStore(),
    desktop: { chooseSaveFile: async () => undefined, chooseFolder: async () => undefined, chooseOpenFile: async () => undefined, writeClipboard: () => {}, readClipboard: async () => '' },
  })
  core.demo.start = async () => sim
  await core.start()
  const table = createHandlerTable({ implementations: core.implementations, isTrustedSender: createSenderCheck(pageUrl), log })
  const calls: ScaleApp['calls'] = []
  await page.exposeBinding('__iproxyInvoke', async (source, channel: string, input: unknown) => {
    const started = performance.now()
    const answer = await table.handle(channel, source.frame.url(), input)
    calls.push({ channel, ms: performance.now() - started })
    // JSON text, parsed natively by the page's probe: Playwright's own value serializer walks a 5,000-connection
    // answer in page JavaScript for seconds, where Electron's IPC (structured clone) is native. Answers are plain
    // JSON data either way.
    return JSON.stringify(answer)
  })
  await page.addInitScript({ path: BRIDGE_BUNDLE })
  await page.addInitScript({ content: PAGE_PROBES })
  return {
    sim,
    core,
    pageUrl,
    calls,
    close: async () => {
      await core.dispose()
      await sim.stop()
      await server.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

/**
 * The UI benchmark: the home screen and the Proxies screen with 5,000 connections × 4 proxy accesses.
 * Prints: time from the data arriving to rows visible (home, Proxies), the median re-render time of a search
 * keystroke (20 keystrokes), row elements in the DOM, JS heap, requests per home-screen load, and the renderer's
 * initial JavaScript gzipped. Only functional facts are asserted (rows appear); no timing is.
 * The figures also go to out/bench/ui.json (the per-file asset sizes only print: their names change every build).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import { chromiumAvailability } from '../../e2e/harness/chromium'
import { RENDERER_DIR } from '../../e2e/harness/paths'
import { systemPartsRequired } from '../../support/system'
import { BenchRecorder, type BenchUnit } from '../bench-report'
import { median, searchKeystrokes, settled } from './keystrokes'
import { startScaleApp } from './scale-app'
import type { ScaleApp } from './scale-app'

const SCALE = { connections: 5_000, proxiesPerConnection: 4 }
const chromium = chromiumAvailability()
test.skip(!chromium.available && !systemPartsRequired, `Chromium not available (${chromium.reason})`)

const ms = (value: number) => `${Math.round(value)} ms`
const shownAs: Record<BenchUnit, (value: number) => string> = {
  ms,
  MB: (value) => `${value.toFixed(1)} MB`,
  KB: (value) => `${value.toFixed(1)} KB`,
  count: String,
  'ops/s': (value) => `${value.toFixed(0)} ops/s`,
  x: (value) => `${value.toFixed(2)}x`,
  load: (value) => value.toFixed(1),
}
const printLine = (label: string, text: string) => console.log(`  ${label.padEnd(58)} ${text}`)

/** Every test in this file runs in one worker: the report gathers all three and is written once they are done. */
const bench = new BenchRecorder('ui')
test.afterAll(() => console.log(`figures written to ${bench.write()}`))

/** Prints one line of the table and records its figure (`shown` when the line says more than the value). */
function figure(label: string, value: number, unit: BenchUnit, shown = shownAs[unit](value)): void {
  printLine(label, shown)
  bench.add(label, value, unit)
}

/** Epoch ms when the grid labelled `label` first showed a data row (after the next frame). */
async function rowsVisibleAt(page: Page, label: string): Promise<number> {
  await waitInPage(page, `window.__rowsVisibleAt[${JSON.stringify(label)}] !== undefined`)
  return page.evaluate<number>(`window.__rowsVisibleAt[${JSON.stringify(label)}]`)
}

/** Polls an expression in the page (waitForFunction's string form would need eval, which the page's CSP forbids). */
async function waitInPage(page: Page, expression: string): Promise<void> {
  await expect.poll(() => page.evaluate<boolean>(expression), { timeout: 120_000, intervals: [20] }).toBe(true)
}

async function arrivals(page: Page, channel: string): Promise<number[]> {
  return page.evaluate<number[]>(`window.__arrivals[${JSON.stringify(channel)}] ?? []`)
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize / 1024 / 1024
}

const rowElements = (page: Page) => page.evaluate<number>("document.querySelectorAll('[role=row]').length")


function countCalls(app: ScaleApp): string {
  const counts = new Map<string, number>()
  for (const call of app.calls) counts.set(call.channel, (counts.get(call.channel) ?? 0) + 1)
  return [...counts].map(([channel, n]) => `${channel}×${n}`).join(', ')
}

test('home screen and Proxies screen at 5,000 connections × 4 proxy accesses', async ({ page }) => {
  const app = await startScaleApp(page, SCALE)
  try {
    console.log(`\nUI benchmark: ${SCALE.connections} connections × ${SCALE.proxiesPerConnection} proxy accesses (Chromium ${page.context().browser()?.version()})`)
    const navigationStart = Date.now()
    await page.goto(app.pageUrl)

    // Home: from the connection list arriving in the renderer to its rows on screen.
    const homeRows = await rowsVisibleAt(page, 'Connections')
    const [connectionsAt] = await arrivals(page, 'connections.list')
    await expect(page.getByText(`${SCALE.connections} of ${SCALE.connections} connections`)).toBeVisible()
    await waitInPage(page, `(window.__arrivals['proxies.list'] ?? []).length > 0 && (window.__arrivals['connections.statuses'] ?? []).length > 0`)
    const allListsAt = Math.max(connectionsAt!, ...(await arrivals(page, 'proxies.list')), ...(await arrivals(page, 'connections.statuses')))
    const homeSettled = await settled(page)
    const listCalls = app.calls.filter((c) => ['connections.list', 'connections.statuses', 'proxies.list'].includes(c.channel))
    figure('home: page load → connection list arrived', connectionsAt! - navigationStart, 'ms')
    printLine('home: main answering connections / statuses / proxies', listCalls.map((c) => ms(c.ms)).join(' / '))
    const answered = new Map<string, number>()
    for (const call of listCalls) {
      // Named by channel, not by order (the three calls race); a repeated channel is numbered.
      const n = (answered.get(call.channel) ?? 0) + 1
      answered.set(call.channel, n)
      bench.add(`home: main answering ${call.channel}${n > 1 ? ` (call ${n})` : ''}`, call.ms, 'ms')
    }
    figure('home: data arrived → rows visible', homeRows - connectionsAt!, 'ms')
    figure('home: last of the 3 lists arrived → screen settled', homeSettled - allListsAt, 'ms')
    figure('home: bridge calls for the whole screen', app.calls.length, 'count', `${app.calls.length} (${countCalls(app)})`)
    figure('home: row elements in the DOM', await rowElements(page), 'count')

    // Search as you type: 20 keystrokes, each re-filtering 5,000 rows.
    const { keystrokes } = await searchKeystrokes(page, 'Search connections')
    const keystrokeLabel = `home: search keystroke → re-rendered, median of ${keystrokes.length}`
    figure(keystrokeLabel, median(keystrokes), 'ms', `${median(keystrokes).toFixed(1)} ms (max ${Math.max(...keystrokes).toFixed(1)} ms)`)
    bench.add('home: search keystroke → re-rendered, max', Math.max(...keystrokes), 'ms')
    await expect(page.getByText(`${SCALE.connections} of ${SCALE.connections} connections`)).toBeVisible()

    // Scrolled to the middle, the DOM still holds only the rows in view.
    await page.getByRole('grid', { name: 'Connections' }).evaluate('(el) => { el.scrollTop = el.scrollHeight / 2 }')
    await settled(page)
    figure('home: row elements in the DOM, scrolled to the middle', await rowElements(page), 'count')
    figure('home: JS heap after GC', await heapMb(page), 'MB')

    // Proxies: 20,000 rows from the cached list, from the click to rows on screen.
    const clickAt = Date.now()
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Proxies', exact: true }).click()
    const proxyRows = await rowsVisibleAt(page, 'Proxy accesses')
    const total = SCALE.connections * SCALE.proxiesPerConnection
    await expect(page.getByText(`${total} of ${total} proxy accesses`)).toBeVisible()
    figure(`proxies: click → ${total} rows visible (list already cached)`, proxyRows - clickAt, 'ms')

    // And with fresh data: Refresh (proxies and connection names), then from the last list arriving to settled.
    const before = [(await arrivals(page, 'proxies.list')).length, (await arrivals(page, 'connections.list')).length]
    await page.getByRole('button', { name: 'Refresh', exact: true }).click()
    await waitInPage(page, `window.__arrivals['proxies.list'].length > ${before[0]} && window.__arrivals['connections.list'].length > ${before[1]}`)
    const refreshedAt = Math.max((await arrivals(page, 'proxies.list')).at(-1)!, (await arrivals(page, 'connections.list')).at(-1)!)
    figure('proxies: fresh lists arrived → screen settled', (await settled(page)) - refreshedAt, 'ms')
    figure('proxies: row elements in the DOM', await rowElements(page), 'count')
    const { keystrokes: proxyKeystrokes } = await searchKeystrokes(page, 'Search proxies')
    const proxyKeystroke = median(proxyKeystrokes)
    figure(`proxies: search keystroke → re-rendered, median of ${proxyKeystrokes.length}`, proxyKeystroke, 'ms', `${proxyKeystroke.toFixed(1)} ms`)
    await page.getByRole('grid', { name: 'Proxy accesses' }).evaluate('(el) => { el.scrollTop = el.scrollHeight / 2 }')
    await settled(page)
    figure('proxies: row elements in the DOM, scrolled to the middle', await rowElements(page), 'count')
    figure('proxies: JS heap after GC', await heapMb(page), 'MB')
  } finally {
    await app.close()
  }
})

test('Proxies screen opened before the data arrives: data arrived → 20,000 rows visible', async ({ page }) => {
  const app = await startScaleApp(page, SCALE)
  try {
    await page.goto(app.pageUrl)
    // Straight to Proxies while the lists are still loading.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Proxies', exact: true }).click()
    const visible = await rowsVisibleAt(page, 'Proxy accesses')
    const arrived = Math.max(...(await arrivals(page, 'proxies.list')))
    await waitInPage(page, `(window.__arrivals['connections.list'] ?? []).length > 0`)
    const connections = Math.max(...(await arrivals(page, 'connections.list')))
    figure('proxies (cold): proxy list arrived → rows visible', visible - arrived, 'ms')
    figure('proxies (cold): both lists arrived → screen settled', (await settled(page)) - Math.max(arrived, connections), 'ms')
    figure('proxies (cold): JS heap after GC', await heapMb(page), 'MB')
  } finally {
    await app.close()
  }
})

test("the renderer's initial JavaScript and CSS, gzipped", () => {
  const html = readFileSync(resolve(RENDERER_DIR, 'index.html'), 'utf8')
  const initial = new Set<string>()
  const queue = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="\.\/([^"]+\.(?:js|css))"/g)].map((m) => m[1] as string)
  // Follow static imports too (a chunk the entry imports loads with it; dynamic import() ones do not).
  while (queue.length > 0) {
    const file = queue.shift() as string
    if (initial.has(file)) continue
    initial.add(file)
    if (!file.endsWith('.js')) continue
    const code = readFileSync(resolve(RENDERER_DIR, file), 'utf8')
    for (const m of code.matchAll(/\bimport\s*(?:[\w*{$][^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(`assets/${m[1] as string}`)
  }
  let js = 0
  let css = 0
  console.log('\nInitial assets loaded by index.html (gzip, node:zlib default level):')
  for (const file of initial) {
    const raw = readFileSync(resolve(RENDERER_DIR, file))
    const gz = gzipSync(raw).length
    if (file.endsWith('.js')) js += gz
    else css += gz
    printLine(file, `${(raw.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped`)
  }
  figure('initial JavaScript, gzipped', js / 1024, 'KB')
  figure('initial CSS, gzipped', css / 1024, 'KB')
  bench.add('initial assets (files)', initial.size, 'count')
  expect(initial.size).toBeGreaterThan(0)
})

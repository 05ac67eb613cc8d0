/**
 * The Health screen in demo mode: a pasted list (good lines from the demo simulator's real proxies and a bad
 * line) is checked line by line with the rejected line's reason shown; a batch shows progress and can be
 * cancelled; the working proxies are copied out; a list can come from a file; an over-long list is refused with
 * what to do. Screenshots in both themes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import type { Simulator } from '../../src/main/demo'
import { expect, skipWithoutChromium, test } from './harness/fixtures'
import { SCREENS_DIR } from './harness/paths'

skipWithoutChromium()
test.use({ demoMode: true })

/** Usable userpass proxies of the demo account, as pasted lines, with the IP each connection exits from. */
function proxyLines(sim: Simulator, count: number): Array<{ line: string; ip: string; label: string }> {
  const out: Array<{ line: string; ip: string; label: string }> = []
  for (const p of sim.state.proxies.values()) {
    const conn = sim.state.connections.get(p.connectionId)
    if (!p.bound || p.authType !== 'userpass' || p.aclIps.length > 0 || p.expiresAt) continue
    if (!conn?.ip || !conn.proxyEnabled || conn.status !== 'online') continue
    // HTTP proxies as host:port:login:password (a line that does not say: its protocol is found by trying), SOCKS5
    // as URLs. A line without a scheme is labelled without one.
    const http = p.listenService === 'http'
    const line = http ? `127.0.0.1:${p.port}:${p.login}:${p.password}` : `socks5://${p.login}:${p.password}@127.0.0.1:${p.port}`
    out.push({ line, ip: conn.ip.ipv4, label: http ? `${p.login}@127.0.0.1:${p.port}` : `socks5://${p.login}@127.0.0.1:${p.port}` })
    if (out.length === count) break
  }
  return out
}

async function openHealth(page: Page): Promise<void> {
  await expect(page.getByRole('banner').getByText('Demo', { exact: true })).toBeVisible()
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Health checks', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Check a pasted list' })).toBeVisible()
}

async function pasteAndCheck(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Check a pasted list' }).click()
  const dialog = page.getByRole('dialog', { name: 'Check a pasted list of proxies' })
  await dialog.getByLabel('Proxy lines').fill(text)
  await dialog.getByRole('button', { name: 'Check these proxies' }).click()
  await expect(dialog).toBeHidden()
}

test('a pasted list: each good line checked with its exit IP, the bad line listed with its reason', async ({ app }) => {
  const { page } = app
  await openHealth(page)
  const sim = await app.simulator()
  const good = proxyLines(sim, 2)
  expect(good).toHaveLength(2)
  const text = [good[0]!.line, 'definitely not a proxy line', good[1]!.line].join('\n')

  await pasteAndCheck(page, text)
  const batch = page.getByRole('region', { name: 'Pasted list (2)' })
  await expect(batch.getByRole('status')).toHaveText(/2 of 2 checked — Finished/, { timeout: 20_000 })
  await expect(batch.getByText(/Line 2: /)).toBeVisible()
  await expect(batch.getByText('definitely not a proxy line')).toBeVisible()

  const results = batch.getByRole('grid', { name: 'Pasted list (2)' })
  for (const g of good) {
    const row = results.getByRole('row').filter({ hasText: g.label })
    await expect(row.getByText('OK', { exact: true })).toBeVisible()
    await expect(row.getByText(g.ip, { exact: true })).toBeVisible()
  }

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1280, height: 800 })
    mkdirSync(SCREENS_DIR, { recursive: true })
    await page.screenshot({ path: resolve(SCREENS_DIR, `health-${scheme}.png`) })
  }
})

test('a batch shows its progress and can be cancelled: the rest are reported cancelled', async ({ app }) => {
  const { page } = app
  await openHealth(page)
  const sim = await app.simulator()
  const lines = proxyLines(sim, 8)
  expect(lines.length).toBeGreaterThanOrEqual(6)
  // Two at a time, each echo answer 3 s late: the batch is still running when we cancel it.
  await app.core.implementations['health.updateSettings']({ concurrency: 2 })
  sim.faults.set([{ path: '/echo', fault: { kind: 'latency', ms: 3_000 } }])
  try {
    await pasteAndCheck(page, lines.map((l) => l.line).join('\n'))
    const batch = page.getByRole('region', { name: `Pasted list (${lines.length})` })
    await expect(batch.getByRole('progressbar', { name: 'Check progress' })).toBeVisible()
    await expect(batch.getByRole('status')).toHaveText(`0 of ${lines.length} checked`)
    await batch.getByRole('button', { name: 'Cancel checks' }).click()
    await expect(batch.getByRole('status')).toHaveText(`${lines.length} of ${lines.length} checked — Finished`, { timeout: 10_000 })
    await expect(batch.getByText(`${lines.length} cancelled`)).toBeVisible()
    await expect(batch.getByRole('button', { name: 'Cancel checks' })).toBeHidden()
    await expect(batch.getByText('Cancelled', { exact: true }).first()).toBeVisible()
  } finally {
    sim.faults.clear()
  }
})

test('"Check all account proxies" checks every proxy of the demo account by id', async ({ app }) => {
  const { page } = app
  await openHealth(page)
  const sim = await app.simulator()
  const total = sim.state.proxies.size
  await page.getByRole('button', { name: `Check all account proxies (${total})` }).click()
  const batch = page.getByRole('region', { name: `All account proxies (${total})` })
  await expect(batch.getByRole('status')).toHaveText(new RegExp(`^${total} of ${total} checked — Finished`), { timeout: 30_000 })
  const [usable] = proxyLines(sim, 1)
  const row = batch.getByRole('grid').getByRole('row').filter({ hasText: usable!.label })
  await expect(row.getByText('OK', { exact: true })).toBeVisible()
  await expect(row.getByText(usable!.ip, { exact: true })).toBeVisible()
})

test('the working proxies of a pasted list are copied as URLs; a refused one is left out', async ({ app }) => {
  const { page } = app
  await openHealth(page)
  const sim = await app.simulator()
  const good = proxyLines(sim, 3)
  expect(good).toHaveLength(3)
  // Port 1 on loopback: nothing listens, the check says refused.
  await pasteAndCheck(page, [...good.map((g) => g.line), 'socks5://nobody:nothing@127.0.0.1:1'].join('\n'))
  const batch = page.getByRole('region', { name: 'Pasted list (4)' })
  await expect(batch.getByRole('status')).toHaveText(/4 of 4 checked — Finished/, { timeout: 20_000 })
  await batch.getByRole('button', { name: 'Copy working proxies (3)' }).click()
  await expect(batch.getByText('Copied.')).toBeVisible()
  // Each as a URL with its protocol and password (in the order the checks finished).
  const copied = app.desktop.clipboard.at(-1) ?? ''
  expect(copied.endsWith('\n')).toBe(true)
  const lines = copied.trimEnd().split('\n')
  const expected = good.map((g) => {
    const p = [...sim.state.proxies.values()].find((x) => g.label.endsWith(`${x.login}@127.0.0.1:${x.port}`))!
    return `${p.listenService}://${encodeURIComponent(p.login!)}:${encodeURIComponent(p.password!)}@127.0.0.1:${p.port}`
  })
  expect([...lines].sort()).toEqual([...expected].sort())
})

test('a SOCKS5 line without a scheme (iProxy’s own form) comes back working, marked SOCKS5, and is copied as socks5://', async ({ app }) => {
  const { page } = app
  await openHealth(page)
  const sim = await app.simulator()
  const p = [...sim.state.proxies.values()].find((x) => {
    const conn = sim.state.connections.get(x.connectionId)
    return x.listenService === 'socks5' && x.bound && x.authType === 'userpass' && x.aclIps.length === 0 && !x.expiresAt && conn?.ip && conn.proxyEnabled && conn.status === 'online'
  })!
  await pasteAndCheck(page, `127.0.0.1:${p.port}:${p.login}:${p.password}`)
  const batch = page.getByRole('region', { name: 'Pasted list (1)' })
  await expect(batch.getByRole('status')).toHaveText(/1 of 1 checked — Finished/, { timeout: 20_000 })
  const row = batch.getByRole('grid', { name: 'Pasted list (1)' }).getByRole('row').filter({ hasText: `${p.login}@127.0.0.1:${p.port}` })
  await expect(row.getByText('OK', { exact: true })).toBeVisible()
  await expect(row.getByText('SOCKS5', { exact: true })).toBeVisible()
  await batch.getByRole('button', { name: 'Copy working proxies (1)' }).click()
  await expect(batch.getByText('Copied.')).toBeVisible()
  expect(app.desktop.clipboard.at(-1)).toBe(`socks5://${encodeURIComponent(p.login!)}:${encodeURIComponent(p.password!)}@127.0.0.1:${p.port}\n`)
})

test('a pasted list longer than one batch takes is refused with what to do, and the text stays', async ({ app }) => {
  // 1.4 MB of text through a textarea: 18 s on a quiet 2-core CI machine, over 30 s when it is loaded.
  test.slow()
  const { page } = app
  await openHealth(page)
  const text = Array.from({ length: 20_001 }, (_, i) => `127.0.0.1:${10_000 + (i % 50_000)}:user${i}:secret`).join('\n')
  await page.getByRole('button', { name: 'Check a pasted list' }).click()
  const dialog = page.getByRole('dialog', { name: 'Check a pasted list of proxies' })
  // As a paste delivers it: the whole text in one input event. (Playwright's fill types it through Chromium's
  // editing commands, which take seconds per thousand lines.)
  await dialog.getByLabel('Proxy lines').evaluate((el, value) => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, value)
    el.dispatchEvent(new Event('input', { bubbles: true }))
  }, text)
  await dialog.getByRole('button', { name: 'Check these proxies' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('This list has 20001 proxies; one check takes at most 20000. Check it in parts.')
  await expect(dialog.getByLabel('Proxy lines')).toHaveValue(text)
  await expect(page.getByRole('region', { name: /Pasted list/ })).toHaveCount(0)
})

test('"Open a file…" puts a list file in the box to check; a file that is not text is refused and the box keeps its text', async ({ app }) => {
  const { page } = app
  await openHealth(page)
  const sim = await app.simulator()
  const good = proxyLines(sim, 2)
  const list = resolve(app.userDataDir, 'my proxies.txt')
  writeFileSync(list, `# from my provider\n${good.map((g) => g.line).join('\n')}\n`)
  await page.getByRole('button', { name: 'Check a pasted list' }).click()
  const dialog = page.getByRole('dialog', { name: 'Check a pasted list of proxies' })
  const box = dialog.getByLabel('Proxy lines')

  app.desktop.nextOpenPath = resolve(app.userDataDir, 'photo.png')
  writeFileSync(app.desktop.nextOpenPath, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d]))
  await box.fill('kept as typed')
  await dialog.getByRole('button', { name: 'Open a file…' }).click()
  await expect(dialog.getByRole('alert')).toContainText('it is not a text file')
  await expect(box).toHaveValue('kept as typed')

  app.desktop.nextOpenPath = list
  await dialog.getByRole('button', { name: 'Open a file…' }).click()
  await expect(box).toHaveValue(readFileSync(list, 'utf8'))
  await expect(dialog.getByText('From my proxies.txt')).toBeVisible()
  await expect(dialog.getByRole('alert')).toHaveCount(0)
  expect(app.desktop.dialogsShown.at(-1)).toBe('Open a list of proxies to check')

  await dialog.getByRole('button', { name: 'Check these proxies' }).click()
  const batch = page.getByRole('region', { name: 'Pasted list (2)' })
  await expect(batch.getByRole('status')).toHaveText(/2 of 2 checked — Finished/, { timeout: 20_000 })
  for (const g of good) await expect(batch.getByRole('row').filter({ hasText: g.label }).getByText('OK', { exact: true })).toBeVisible()
})

test('a list "file" that is a device is refused in words of its own (error code not_a_file)', async ({ app }) => {
  const { page } = app
  await openHealth(page)
  await page.getByRole('button', { name: 'Check a pasted list' }).click()
  const dialog = page.getByRole('dialog', { name: 'Check a pasted list of proxies' })
  app.desktop.nextOpenPath = '/dev/null'
  await dialog.getByRole('button', { name: 'Open a file…' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('That is not a regular file (it is a device, a pipe or a socket). Choose a .txt, .csv or .json proxy list.')
  expect(app.bridgeResults.at(-1)).toMatchObject({ ok: false, error: { code: 'not_a_file' } })
})

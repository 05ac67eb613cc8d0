/**
 * The fleet history on screen (issue 20), against the demo simulator and the real history.sqlite in the harness's
 * data folder: a connection's History tab after checks and a change of IP; the History section's IP-reuse list
 * with an exit IP two connections share and one that came back, the fleet timeline and the retention setting; the
 * one-time notice when main started with a damaged history file. Screenshots in both themes.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import type { SimConnection, SimProxy, Simulator } from '../../src/main/demo'
import { expect, skipWithoutChromium, test } from './harness/fixtures'
import type { AppHarness } from './harness/fixtures'
import { SCREENS_DIR } from './harness/paths'

skipWithoutChromium()
test.use({ demoMode: true })

interface Usable {
  conn: SimConnection
  proxy: SimProxy
  address: string
}

/** A demo connection by name with a proxy a check can pass through (bound, login and password, no allow-list). */
function usable(sim: Simulator, name: string): Usable {
  const conn = [...sim.state.connections.values()].find((c) => c.name === name)
  if (!conn) throw new Error(`no demo connection ${name}`)
  const proxy = [...sim.state.proxies.values()].find((p) => p.connectionId === conn.id && p.bound && p.authType === 'userpass' && p.aclIps.length === 0 && !p.expiresAt)
  if (!proxy) throw new Error(`no usable proxy on ${name}`)
  return { conn, proxy, address: `127.0.0.1:${proxy.port}` }
}

/** A check through the handler table the Check button's call reaches, for setting up what the IP-reuse view finds. */
async function checkThroughBridge(app: AppHarness, { conn, proxy }: Usable): Promise<void> {
  const answer = (await app.table.handle('health.check', app.pageUrl, { item: { connectionId: conn.id, proxyId: proxy.id } })) as { ok: boolean; value?: { result: { status: string; exitIp?: string } } }
  expect(answer.value?.result).toMatchObject({ status: 'ok', exitIp: conn.ip?.ipv4 })
}

async function openConnectionTab(page: Page, name: string, tab: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click()
  await page.getByRole('tablist').getByRole('tab', { name: tab, exact: true }).click()
  await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true')
}

async function showHistorySection(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'History', exact: true }).click()
  await expect(page.getByRole('banner').getByRole('heading', { level: 1 })).toHaveText('History')
}

async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true })
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme })
    await page.screenshot({ path: resolve(SCREENS_DIR, `history-${name}-${theme}.png`), fullPage: true })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

test('the History tab shows the checks and the change of IP as events, on the latency chart and among the exit IPs', async ({ app }) => {
  test.setTimeout(120_000)
  const { page } = app
  const sim = await app.simulator()
  const a = usable(sim, 'Moscow MTS 01')
  const before = a.conn.ip!.ipv4

  // Two checks from the connection's Proxies tab.
  await openConnectionTab(page, 'Moscow MTS 01', 'Proxies')
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: a.address }) })
  const check = row.getByRole('button', { name: `Check ${a.address}` })
  for (let i = 0; i < 2; i++) {
    await check.click()
    await expect(check).toBeEnabled({ timeout: 20_000 })
    await expect(row).toContainText('OK')
  }

  // A change of IP from the Overview tab.
  await page.getByRole('tab', { name: 'Overview', exact: true }).click()
  await page.getByRole('tabpanel').getByRole('button', { name: 'Change IP and verify' }).click()
  const dialog = page.getByRole('dialog', { name: 'Change IP and verify' })
  await dialog.getByRole('button', { name: 'Change IP now' }).click()
  await expect(dialog.getByRole('listitem')).toContainText('→', { timeout: 60_000 })
  const after = a.conn.ip!.ipv4
  expect(after).not.toBe(before)
  await dialog.getByRole('button', { name: 'Close' }).click()

  await page.getByRole('tab', { name: 'History', exact: true }).click()
  const panel = page.getByRole('tabpanel')
  const events = panel.getByRole('list', { name: 'Events of this connection, newest first' })
  await expect(events).toBeVisible({ timeout: 15_000 })
  // Newest first: the change of IP (by hand, old → new) is above the checks made before it.
  const action = events.getByRole('listitem').filter({ hasText: `Change IP (by hand): ${before} → ${after}` })
  await expect(action).toHaveCount(1)
  const checks = events.getByRole('listitem').filter({ hasText: `Check passed in` }).filter({ hasText: `exit IP ${before}` })
  expect(await checks.count()).toBeGreaterThanOrEqual(2)
  const texts = await events.getByRole('listitem').allInnerTexts()
  const actionIndex = texts.findIndex((text) => text.includes('Change IP (by hand)'))
  const firstCheckIndex = texts.findIndex((text) => text.includes(`exit IP ${before}`))
  expect(actionIndex).toBeLessThan(firstCheckIndex)
  // Every event carries its local time.
  await expect(events.getByRole('listitem').first().locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/)

  // Only the actions, when asked.
  await panel.getByLabel('Show').selectOption({ label: 'Actions' })
  await expect(events.getByRole('listitem')).toHaveCount(1)
  await expect(events.getByRole('listitem')).toContainText('Change IP (by hand)')

  // The latency chart counts the checks and none failed.
  await expect(panel.getByRole('img', { name: /^Latency chart\. \d+ checks, 0 failed; \d+ ms on average/ })).toBeVisible()
  await expect(panel.locator('.recharts-surface').first()).toBeVisible()

  // Both exit IPs, with first and last seen; the new one above the old. (The list also holds the IPs of iProxy's
  // own IP history, which the Overview read on the way here.)
  const ips = panel.getByRole('table', { name: 'Exit IPs of this connection, most recent first' })
  await expect(ips.getByRole('rowheader').filter({ hasText: after })).toHaveCount(1)
  const listed = await ips.getByRole('rowheader').allInnerTexts()
  expect(listed.indexOf(before)).toBeGreaterThan(listed.indexOf(after))
  // iProxy's IP history holds hundreds of IPs: 50 a page, with a pager to the rest.
  expect(listed.length).toBeLessThanOrEqual(50)
  const pager = panel.getByRole('navigation', { name: 'Exit IP pages' })
  await expect(pager.getByRole('status')).toHaveText(/^1–50 of \d+$/)
  await pager.getByRole('button', { name: 'Next' }).click()
  await expect(pager.getByRole('status')).toHaveText(/^51–/)
  await expect(ips.getByRole('rowheader').filter({ hasText: after })).toHaveCount(0)
  await pager.getByRole('button', { name: 'Previous' }).click()
  await expect(ips.getByRole('row').filter({ hasText: before }).locator('time')).toHaveCount(2)

  // A range of 7 days still holds the same events.
  await panel.getByRole('radio', { name: '7 days' }).check()
  await expect(panel.getByRole('img', { name: /^Latency chart\. \d+ checks, 0 failed/ })).toBeVisible()
  await panel.getByLabel('Show').selectOption({ label: 'All events' })
  await expect(events.getByRole('listitem').filter({ hasText: 'Change IP (by hand)' })).toHaveCount(1)
  await screenshots(page, 'tab')
})

test('IP reuse lists an exit IP two connections share and one that came back, each connection opening on a click', async ({ app }) => {
  test.setTimeout(120_000)
  const { page } = app
  await expect(page.getByRole('grid', { name: 'Connections' })).toBeVisible()
  const sim = await app.simulator()
  const a = usable(sim, 'Moscow MTS 01')
  const b = usable(sim, 'London EE')
  const c = usable(sim, 'Berlin Telekom')

  // Shared: the simulator's London phone is given the Moscow phone's address (two phones behind one IP).
  const shared = a.conn.ip!.ipv4
  b.conn.ip = { ipv4: shared }
  await checkThroughBridge(app, a)
  await checkThroughBridge(app, b)
  // Came back: Berlin goes to another address and back to its first one.
  const first = c.conn.ip!.ipv4
  await checkThroughBridge(app, c)
  c.conn.ip = { ipv4: '198.51.100.77' }
  await checkThroughBridge(app, c)
  c.conn.ip = { ipv4: first }
  await checkThroughBridge(app, c)

  await showHistorySection(page)
  const table = page.getByRole('table', { name: 'Shared and repeated exit IPs' })
  const sharedRow = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: shared, exact: true }) })
  await expect(sharedRow).toContainText('Shared')
  await expect(sharedRow.getByRole('button', { name: 'Moscow MTS 01', exact: true })).toBeVisible()
  await expect(sharedRow.getByRole('button', { name: 'London EE', exact: true })).toBeVisible()
  await expect(sharedRow.getByRole('list', { name: 'When London EE had it' }).locator('time').first()).toBeVisible()
  const backRow = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: first, exact: true }) })
  await expect(backRow).toContainText('Came back')
  await expect(backRow.getByRole('button', { name: 'Berlin Telekom', exact: true })).toBeVisible()
  // Its two stretches with the address, with the other address between them.
  await expect(backRow.getByRole('list', { name: 'When Berlin Telekom had it' }).getByRole('listitem')).toHaveCount(2)
  await expect(table.getByRole('rowheader', { name: '198.51.100.77', exact: true })).toHaveCount(0)

  // Another window: one hour still covers what was just seen.
  await page.getByRole('group', { name: 'Window' }).getByRole('radio', { name: '1 h' }).check()
  await expect(sharedRow).toContainText('Shared')

  // The fleet timeline names each event's connection.
  const fleet = page.getByRole('list', { name: 'Events of all connections, newest first' })
  const london = fleet.getByRole('listitem').filter({ hasText: 'London EE' })
  await expect(london.filter({ hasText: `Check passed in` }).filter({ hasText: `exit IP ${shared}` })).toHaveCount(1)
  await expect(london.filter({ hasText: `New exit IP ${shared}` })).toHaveCount(1)
  await screenshots(page, 'section')

  await sharedRow.getByRole('button', { name: 'London EE', exact: true }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'London EE' })).toBeVisible()
  await expect(page.getByRole('tab', { name: 'History', exact: true })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByRole('table', { name: 'Exit IPs of this connection, most recent first' }).getByRole('rowheader')).toContainText([shared])
})

test('retention: shows the default, refuses a day count out of range, saves another', async ({ app }) => {
  const { page } = app
  await showHistorySection(page)
  const days = page.getByLabel('Days of history to keep')
  await expect(days).toHaveValue('90')
  await days.fill('0')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Enter a whole number of days from 1 to 3650.' })).toBeVisible()
  await days.fill('30')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved: history is kept for 30 days.' })).toBeVisible()
  expect(await app.table.handle('history.retention', app.pageUrl, undefined)).toEqual({ ok: true, value: { days: 30 } })
})

test.describe('a damaged history file at start', () => {
  // 64 KiB of bytes that are no SQLite file (as a disk error or a half-copied file leaves one).
  const garbage = Buffer.alloc(64 * 1024)
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 251
  test.use({ seedUserData: { 'history.sqlite': garbage } })

  test('is told once, with where the old file is; dismissed it goes, and a reload does not bring it back', async ({ app }) => {
    const { page } = app
    const notice = page.getByRole('alert').filter({ hasText: 'The history database could not be read' })
    await expect(notice).toBeVisible()
    const moved = readdirSync(app.userDataDir).find((name) => name.startsWith('history.sqlite.corrupt-'))
    expect(moved).toBeTruthy()
    await expect(notice).toContainText(`The old file was kept as ${join(app.userDataDir, moved!)}.`)
    expect(existsSync(join(app.userDataDir, 'history.sqlite'))).toBe(true)
    await screenshots(page, 'notice')
    await notice.getByRole('button', { name: 'Dismiss' }).click()
    await expect(notice).toHaveCount(0)
    await page.reload()
    // After the page's later history calls have answered (the section reads the retention), the notice is still gone.
    await showHistorySection(page)
    await expect(page.getByLabel('Days of history to keep')).toHaveValue('90')
    await expect(page.getByRole('alert').filter({ hasText: 'history database' })).toHaveCount(0)
  })
})


/**
 * The fleet board (the Connections home screen with the history database's columns) against the demo simulator:
 * after real checks through the simulator's proxies and a status change, each row shows uptime, the last check,
 * the current exit IP with when it was seen, IP changes, and the warning badge for an exit IP two phones share;
 * filters (status, has warning, search by exit IP) and sort; quick actions per row; columns folding at 900 px;
 * and the list staying put when a row is selected and a bulk action reports back.
 */
import { resolve } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import type { Simulator } from '../../src/main/demo'
import { SCREENS_DIR } from './harness/paths'
import { expect, skipWithoutChromium, test } from './harness/fixtures'

skipWithoutChromium()
test.use({ demoMode: true })

const grid = (page: Page) => page.getByRole('grid', { name: 'Connections' })
const dataRows = (page: Page) => grid(page).getByRole('row').filter({ has: page.getByRole('rowheader') })
const row = (page: Page, name: string) => dataRows(page).filter({ has: page.getByRole('button', { name, exact: true }) })
const connOf = (sim: Simulator, name: string) => [...sim.state.connections.values()].find((c) => c.name === name)!
const bulk = (page: Page) => page.getByRole('toolbar', { name: 'Actions on the selection' })

/** Checks every proxy of the account from the bulk toolbar and waits until the board shows the results. */
async function checkEverything(page: Page, sim: Simulator) {
  const proxies = sim.state.proxies.size
  await page.getByRole('checkbox', { name: 'Select all shown connections' }).check()
  await bulk(page).getByRole('button', { name: `Check proxies (${proxies})` }).click()
  const progress = page.getByRole('region', { name: 'Check of the selected proxies' })
  await expect(progress.getByRole('status')).toHaveText(`${proxies} of ${proxies} checked — Finished`, { timeout: 30_000 })
  await bulk(page).getByRole('button', { name: 'Clear selection' }).click()
}

const top = async (locator: Locator) => (await locator.boundingBox())!.y

test('after checks and a status change: uptime, last check, exit IP seen N ago, IP changes; screenshots', async ({ app }) => {
  // Two rounds of real checks through the simulator's proxies.
  test.slow()
  const { page } = app
  const sim = await app.simulator()
  await expect(dataRows(page)).toHaveCount(12)
  // Before any check the board says so rather than showing blanks.
  await expect(row(page, 'London EE').locator('.col-lastCheck')).toHaveText('Not checked')
  await expect(row(page, 'London EE').locator('.col-exitIp')).toHaveText('Not known yet')

  await checkEverything(page, sim)
  const london = row(page, 'London EE')
  await expect(london.locator('.col-lastCheck')).toContainText(/^OK, \d+ ms/)
  await expect(london.locator('.col-lastCheck')).toContainText(/just now|1 min ago/)
  // The current exit IP is the phone's, with when it was seen.
  const ip = connOf(sim, 'London EE').ip!.ipv4
  await expect(london.locator('.col-exitIp')).toContainText(ip)
  await expect(london.locator('.col-exitIp')).toContainText(/seen (just now|1 min ago)/)
  await expect(london.locator('.col-exitIp time')).toHaveAttribute('title', /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/)
  await expect(london.locator('.col-ipChanges')).toHaveText('0')
  // An offline phone's proxy has no way out: its check fails and says why.
  await expect(row(page, 'Kazan MTS (old)').locator('.col-lastCheck .board-check-failed')).toBeVisible()

  // Uptime from the statuses the app has seen: Miami goes offline, so its last 24 h are no longer all online.
  await expect(row(page, 'Miami Verizon').locator('.col-uptime')).toContainText('24 h: 100%')
  const miami = connOf(sim, 'Miami Verizon')
  miami.status = 'offline'
  miami.statusChangedAt = Date.now()
  await page.getByRole('button', { name: 'Refresh', exact: true }).click()
  const miamiRow = row(page, 'Miami Verizon')
  await expect(miamiRow.locator('.col-status')).toContainText('Offline')
  await expect(miamiRow.locator('.col-uptime')).toContainText(/24 h: \d{1,2}%/)
  await expect(miamiRow.locator('.col-uptime')).toContainText(/7 days: \d{1,2}%/)

  // A change of IP and another check: the new exit IP replaces the old one, and it counts as a change.
  await london.getByRole('button', { name: 'Change IP: London EE' }).click()
  await expect(page.getByRole('status').filter({ hasText: '“Change IP” was sent to London EE.' })).toBeVisible()
  const newIp = connOf(sim, 'London EE').ip!.ipv4
  expect(newIp).not.toBe(ip)
  await page.getByRole('checkbox', { name: 'Select London EE' }).check()
  const proxies = [...sim.state.proxies.values()].filter((p) => p.connectionId === connOf(sim, 'London EE').id).length
  await bulk(page).getByRole('button', { name: `Check proxies (${proxies})` }).click()
  await expect(london.locator('.col-exitIp')).toContainText(newIp, { timeout: 30_000 })
  await expect(london.locator('.col-ipChanges')).toHaveText('1')

  await page.emulateMedia({ colorScheme: 'light' })
  await page.screenshot({ path: resolve(SCREENS_DIR, 'board-light.png') })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: resolve(SCREENS_DIR, 'board-dark.png') })
})

test('an exit IP two phones share is flagged with a badge that says which; filters by warning, status and exit IP; sort', async ({ app }) => {
  test.slow()
  const { page } = app
  const sim = await app.simulator()
  await expect(dataRows(page)).toHaveCount(12)
  // Two phones behind one address: Berlin gets London's exit IP.
  const shared = connOf(sim, 'London EE').ip!.ipv4
  connOf(sim, 'Berlin Telekom').ip = { ipv4: shared }
  await checkEverything(page, sim)

  for (const name of ['London EE', 'Berlin Telekom']) {
    const badge = row(page, name).locator('.col-exitIp .board-warning')
    await expect(badge).toHaveAttribute('title', 'Shared exit IP: in use on another connection at the same time.')
    // Screen readers hear the same words.
    await expect(badge.locator('.visually-hidden')).toHaveText('Shared exit IP: in use on another connection at the same time.')
  }
  await expect(row(page, 'Miami Verizon').locator('.board-warning')).toHaveCount(0)

  // Has warning.
  const warningsOnly = page.getByRole('checkbox', { name: 'With warnings only' })
  await warningsOnly.check()
  await expect(dataRows(page)).toHaveCount(2)
  await expect(page.getByText('2 of 12 connections')).toBeVisible()
  await warningsOnly.uncheck()
  await expect(dataRows(page)).toHaveCount(12)

  // Text search over exit IPs.
  const miamiIp = connOf(sim, 'Miami Verizon').ip!.ipv4
  const search = page.getByRole('searchbox', { name: 'Search connections' })
  await search.fill(miamiIp)
  await expect(dataRows(page)).toHaveCount(1)
  await expect(row(page, 'Miami Verizon')).toBeVisible()
  await search.fill(shared)
  await expect(dataRows(page)).toHaveCount(2)
  await search.fill('')

  // Status (with warning: none of the offline phones has one).
  await page.getByLabel('Status').selectOption({ label: 'Offline' })
  await expect(dataRows(page)).toHaveCount(2)
  await warningsOnly.check()
  await expect(page.getByText('No connection matches the search and filters.')).toBeVisible()
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(dataRows(page)).toHaveCount(12)
  await expect(warningsOnly).not.toBeChecked()

  // Sort by exit IP: flagged first; then the other way round.
  const exitHeader = grid(page).getByRole('columnheader', { name: 'Exit IP' })
  await exitHeader.getByRole('button').click()
  await expect(exitHeader).toHaveAttribute('aria-sort', 'ascending')
  const firstTwo = (await dataRows(page).locator('.row-link').allTextContents()).slice(0, 2)
  expect(firstTwo.sort()).toEqual(['Berlin Telekom', 'London EE'])
  // Sort by last check: the failed checks first (what needs a look), the working ones by latency.
  const checkHeader = grid(page).getByRole('columnheader', { name: 'Last check' })
  await checkHeader.getByRole('button').click()
  await expect(checkHeader).toHaveAttribute('aria-sort', 'ascending')
  await expect(exitHeader).toHaveAttribute('aria-sort', 'none')
  const results = await dataRows(page).locator('.col-lastCheck > span').allTextContents()
  const firstOk = results.findIndex((text) => text.startsWith('OK'))
  expect(firstOk).toBeGreaterThan(0)
  expect(results.slice(firstOk).every((text) => text.startsWith('OK'))).toBe(true)
  const latencies = results.slice(firstOk).map((text) => Number(/(\d+) ms/.exec(text)![1]))
  expect(latencies).toEqual([...latencies].sort((a, b) => a - b))
  // Sort by uptime, descending.
  const uptimeHeader = grid(page).getByRole('columnheader', { name: 'Uptime' })
  await uptimeHeader.getByRole('button').click()
  await uptimeHeader.getByRole('button').click()
  await expect(uptimeHeader).toHaveAttribute('aria-sort', 'descending')
})

test('quick actions per row: copy the proxy line, change IP; each named after its visible text', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await expect(dataRows(page)).toHaveCount(12)
  const berlin = row(page, 'Berlin Telekom')
  const copy = berlin.getByRole('button', { name: 'Copy proxy line: Berlin Telekom' })
  // The button comes with the account's proxy list (the third of the home screen's requests).
  await expect(copy).toHaveText('Copy proxy line', { timeout: 15_000 })
  await copy.click()
  const proxy = [...sim.state.proxies.values()].find((p) => p.connectionId === connOf(sim, 'Berlin Telekom').id)!
  await expect.poll(() => app.desktop.clipboard.at(-1) ?? '').toContain(String(proxy.port))

  const before = connOf(sim, 'Berlin Telekom').ip!.ipv4
  const change = berlin.getByRole('button', { name: 'Change IP: Berlin Telekom' })
  await expect(change).toHaveText('Change IP')
  await change.click()
  await expect(page.getByRole('status').filter({ hasText: '“Change IP” was sent to Berlin Telekom.' })).toBeVisible()
  expect(connOf(sim, 'Berlin Telekom').ip!.ipv4).not.toBe(before)

  // A refused command says so, named, with the reason.
  sim.faults.set([{ path: '/connection/*/command-push', fault: { kind: 'status', status: 502, message: 'the phone did not answer' } }])
  await change.click()
  await expect(page.getByRole('alert').filter({ hasText: 'Could not send “Change IP” to Berlin Telekom:' })).toBeVisible()
})

test('columns fit at 1280 px; at 900 px the least important fold away, nothing scrolls sideways, quick actions stay', async ({ app }) => {
  const { page } = app
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(dataRows(page)).toHaveCount(12)
  const headers = grid(page).getByRole('columnheader')
  await expect(headers).toHaveText(['', 'Name', 'Status', 'Uptime', 'Last check', 'Exit IP', 'IPs, 24 h', 'Plan', 'Quick actions'].map((t) => new RegExp(`^${t}`)))
  const overflow = () => grid(page).evaluate((el) => el.scrollWidth - el.clientWidth)
  expect(await overflow()).toBeLessThanOrEqual(0)
  // No header, status, uptime, exit IP, plan or quick action is cut short.
  const cut = (table = grid(page)) =>
    table.evaluate((el) =>
      [...el.querySelectorAll<HTMLElement>('.vgrid-sort, .board-actions button, .col-status > *, .col-uptime > *, .col-exitIp > *, .col-plan > *')]
        .filter((b) => b.scrollWidth > b.clientWidth + 1)
        .map((b) => b.textContent),
    )
  expect(await cut()).toEqual([])

  await page.setViewportSize({ width: 900, height: 800 })
  await expect(headers).toHaveText(['', 'Name', 'Status', 'Exit IP', 'Quick actions'].map((t) => new RegExp(`^${t}`)))
  expect(await overflow()).toBeLessThanOrEqual(0)
  expect(await cut()).toEqual([])
  await expect(row(page, 'London EE').getByRole('button', { name: 'Change IP: London EE' })).toBeInViewport()
  await page.screenshot({ path: resolve(SCREENS_DIR, 'board-900.png') })

  // In Russian too (longer words).
  await page.getByLabel('Language').selectOption('ru')
  const russian = page.getByRole('grid', { name: 'Подключения' })
  await expect(russian).toBeVisible()
  expect(await cut(russian)).toEqual([])
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(russian.getByRole('columnheader')).toHaveCount(9)
  expect(await cut(russian)).toEqual([])
  expect(await russian.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0)
  await page.screenshot({ path: resolve(SCREENS_DIR, 'board-ru-1280.png') })
})

test('the list does not jump when a row is selected or a bulk action reports back', async ({ app }) => {
  const { page } = app
  await expect(dataRows(page)).toHaveCount(12)
  const first = dataRows(page).first()
  const y = await top(first)
  await page.getByRole('checkbox', { name: 'Select London EE' }).check()
  await expect(bulk(page).getByText('Selected: 1')).toBeVisible()
  expect(await top(first)).toBe(y)
  await bulk(page).getByRole('button', { name: 'Change IP', exact: true }).click()
  await page.getByRole('dialog', { name: 'Change IP on 1 connection?' }).getByRole('button', { name: 'Start' }).click()
  const outcomes = page.getByRole('region', { name: 'Results of “Change IP”' })
  await expect(outcomes.getByRole('status')).toHaveText('Change IP: finished', { timeout: 30_000 })
  expect(await top(first)).toBe(y)
  await bulk(page).getByRole('button', { name: 'Clear selection' }).click()
  await outcomes.getByRole('button', { name: 'Dismiss results' }).click()
  await expect(outcomes).toHaveCount(0)
  expect(await top(first)).toBe(y)
})

/**
 * The Connections home screen against the demo simulator (12 phones): the list and its columns, search, filters,
 * sort, selection, bulk change IP and reboot (with confirmation and per-connection outcomes), the status refresh
 * (on demand and every 30 s), a failed refresh, the New connection dialog, and opening a connection.
 */
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import type { Simulator } from '../../src/main/demo'
import { SCREENS_DIR } from './harness/paths'
import { expect, skipWithoutChromium, test } from './harness/fixtures'

skipWithoutChromium()
test.use({ demoMode: true })

const grid = (page: Page) => page.getByRole('grid', { name: 'Connections' })
/** Data rows only: the header row has no row header. */
const dataRows = (page: Page) => grid(page).getByRole('row').filter({ has: page.getByRole('rowheader') })
const row = (page: Page, name: string) => dataRows(page).filter({ has: page.getByRole('button', { name, exact: true }) })
const idOf = (sim: Simulator, name: string) => [...sim.state.connections.values()].find((c) => c.name === name)!.id

async function openHome(page: Page) {
  await expect(dataRows(page)).toHaveCount(12)
}

test('lists every connection with status, location, phone, plan, proxies and last activity; screenshots', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  // Phone, proxies and last activity have room on a wide window only (the board's history columns come first).
  await page.setViewportSize({ width: 1600, height: 900 })
  await openHome(page)
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '13')
  await expect(page.getByText('12 of 12 connections')).toBeVisible()

  const moscow = row(page, 'Moscow MTS 01')
  await expect(moscow.getByRole('gridcell').nth(1)).toContainText('Online')
  // How long it has been online, not a date cut off by the column ("since 05/12/202…").
  await expect(moscow.getByRole('gridcell').nth(1)).toContainText(/for (\d+ (min|h|days?)|less than a minute)/)
  await expect(moscow).toContainText('Russia')
  await expect(moscow).toContainText('MOW')
  const device = sim.state.connections.get(idOf(sim, 'Moscow MTS 01'))!.device!
  await expect(moscow).toContainText(`${device.manufacturer} ${device.model}`)
  await expect(moscow).toContainText(`Android ${device.androidVersion}`)
  await expect(moscow).toContainText(/\d+ days left/)
  const proxyCount = [...sim.state.proxies.values()].filter((p) => p.connectionId === idOf(sim, 'Moscow MTS 01')).length
  await expect(moscow.locator('.col-proxies')).toHaveText(String(proxyCount))
  // "2 min ago" on screen; the full local time and the UTC value on hover.
  const lastActivity = moscow.locator('.col-lastActivity time')
  await expect(lastActivity).toHaveText(/ago$|^just now$/)
  await expect(lastActivity).toHaveAttribute('title', /^\d{1,2} \w{3} \d{4}, \d\d:\d\d \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)$/)

  await expect(row(page, 'Kazan MTS (old)').locator('.plan-expired')).toHaveText('Expired')
  await expect(row(page, 'Kazan MTS (old)')).toContainText('Offline')
  await expect(row(page, 'St Petersburg MegaFon')).toContainText('Flapping')
  await expect(row(page, 'Bangkok AIS (setting up)')).toContainText('No plan')
  await expect(row(page, 'Bangkok AIS (setting up)')).toContainText('No data')

  await page.emulateMedia({ colorScheme: 'light' })
  await page.screenshot({ path: resolve(SCREENS_DIR, 'connections-light.png') })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: resolve(SCREENS_DIR, 'connections-dark.png') })
})

test('an expiring plan stands out', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const berlin = sim.state.connections.get(idOf(sim, 'Berlin Telekom'))!
  berlin.plan!.expiresAt = Date.now() + 2 * 24 * 60 * 60 * 1000 - 60_000
  await page.getByRole('button', { name: 'Refresh', exact: true }).click()
  await expect(row(page, 'Berlin Telekom').locator('.plan-soon')).toHaveText('2 days left')
})

test('search as you type, filter by status and country, clear filters', async ({ app }) => {
  const { page } = app
  await openHome(page)
  const search = page.getByRole('searchbox', { name: 'Search connections' })
  await search.pressSequentially('moscow')
  await expect(dataRows(page)).toHaveCount(2)
  await expect(page.getByText('2 of 12 connections')).toBeVisible()
  await search.fill('samsung zzz-nothing')
  await expect(page.getByText('No connection matches the search and filters.')).toBeVisible()
  await search.fill('')

  await page.getByLabel('Status').selectOption({ label: 'Offline' })
  await expect(dataRows(page)).toHaveCount(2)
  await expect(row(page, 'Kazan MTS (old)')).toBeVisible()
  await expect(row(page, 'Kyiv Kyivstar')).toBeVisible()

  await page.getByLabel('Status').selectOption({ label: 'All' })
  await page.getByLabel('Country').selectOption({ label: 'United States' })
  await expect(dataRows(page)).toHaveCount(2)
  await expect(row(page, 'New York T-Mobile')).toBeVisible()

  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(dataRows(page)).toHaveCount(12)
  await expect(search).toHaveValue('')
})

test('sorts by any column, both directions, from the keyboard too', async ({ app }) => {
  const { page } = app
  await page.setViewportSize({ width: 1600, height: 900 })
  await openHome(page)
  const names = () => dataRows(page).locator('.row-link').allTextContents()
  const sorted = [...(await names())].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' }))
  expect(await names()).toEqual(sorted)
  const nameHeader = grid(page).getByRole('columnheader', { name: 'Name' })
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending')
  await nameHeader.getByRole('button').click()
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending')
  expect(await names()).toEqual([...sorted].reverse())

  // Proxies column, by keyboard: focus the header button and press Enter.
  const proxiesHeader = grid(page).getByRole('columnheader', { name: 'Proxies' })
  await proxiesHeader.getByRole('button').focus()
  await page.keyboard.press('Enter')
  await expect(proxiesHeader).toHaveAttribute('aria-sort', 'ascending')
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none')
  const counts = (await dataRows(page).locator('.col-proxies').allTextContents()).map(Number)
  expect(counts).toEqual([...counts].sort((a, b) => a - b))

  await grid(page).getByRole('columnheader', { name: 'Status' }).getByRole('button').click()
  await expect(dataRows(page).first().getByRole('gridcell').nth(1)).toContainText('Online')
  await expect(dataRows(page).last()).toContainText('No data')
})

test('multi-select and change IP: asks first, then every selected phone gets a new IP, each outcome shown', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openHome(page)
  const ny = sim.state.connections.get(idOf(sim, 'New York T-Mobile'))!
  const london = sim.state.connections.get(idOf(sim, 'London EE'))!
  const before = [ny.ip?.ipv4, london.ip?.ipv4]

  await page.getByRole('checkbox', { name: 'Select New York T-Mobile' }).check()
  await page.getByRole('checkbox', { name: 'Select London EE' }).check()
  const bulk = page.getByRole('toolbar', { name: 'Actions on the selection' })
  await expect(bulk.getByText('Selected: 2')).toBeVisible()
  await expect(row(page, 'London EE')).toHaveAttribute('aria-selected', 'true')
  await bulk.getByRole('button', { name: 'Change IP', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Change IP on 2 connections?' })
  await expect(dialog).toContainText('Connections: London EE, New York T-Mobile')
  await dialog.getByRole('button', { name: 'Start' }).click()

  const outcomes = page.getByRole('region', { name: 'Results of “Change IP”' })
  await expect(outcomes.getByRole('status')).toHaveText('Change IP: finished', { timeout: 30_000 })
  const results = outcomes.getByRole('row').filter({ has: page.getByRole('rowheader') })
  await expect(results.getByRole('rowheader')).toHaveText(['London EE', 'New York T-Mobile'])
  await expect(results.getByRole('gridcell').filter({ hasText: /^Done$/ })).toHaveCount(2)
  expect([ny.ip?.ipv4, london.ip?.ipv4]).not.toEqual(before)
  expect(ny.ip?.ipv4).not.toBe(before[0])
  expect(london.ip?.ipv4).not.toBe(before[1])

  await bulk.getByRole('button', { name: 'Clear selection' }).click()
  // The toolbar stays in place (the list does not move), quiet until something is selected again.
  await expect(bulk.getByText('Nothing selected')).toBeVisible()
  await expect(bulk.getByRole('button', { name: 'Change IP', exact: true })).toBeDisabled()
  await outcomes.getByRole('button', { name: 'Dismiss results' }).click()
  await expect(outcomes).toHaveCount(0)
})

test('select all shown, then reboot: asks first, says what happens; a failing phone shows its own error', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openHome(page)
  await page.getByRole('searchbox', { name: 'Search connections' }).fill('moscow')
  await expect(dataRows(page)).toHaveCount(2)
  await page.getByRole('checkbox', { name: 'Select all shown connections' }).check()
  const bulk = page.getByRole('toolbar', { name: 'Actions on the selection' })
  await expect(bulk.getByText('Selected: 2')).toBeVisible()

  // Cancel: nothing is sent.
  await bulk.getByRole('button', { name: 'Reboot' }).click()
  let dialog = page.getByRole('dialog', { name: 'Reboot 2 phones?' })
  await expect(dialog).toContainText('restarts now')
  await expect(dialog).toContainText('Moscow MTS 01, Moscow Tele2 02')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toHaveCount(0)
  const mts = sim.state.connections.get(idOf(sim, 'Moscow MTS 01'))!
  const tele2 = sim.state.connections.get(idOf(sim, 'Moscow Tele2 02'))!
  expect(mts.status).toBe('online')

  // One phone's command fails at the API; the other reboots.
  sim.faults.set([{ path: `/connection/${tele2.id}/command-push`, fault: { kind: 'status', status: 502, message: 'the phone did not answer' } }])
  await bulk.getByRole('button', { name: 'Reboot' }).click()
  dialog = page.getByRole('dialog', { name: 'Reboot 2 phones?' })
  await dialog.getByRole('button', { name: 'Reboot now' }).click()
  const outcomes = page.getByRole('region', { name: 'Results of “Reboot”' })
  await expect(outcomes.getByRole('status')).toHaveText('Reboot: finished', { timeout: 30_000 })
  const results = outcomes.getByRole('row').filter({ has: page.getByRole('rowheader') })
  await expect(results.nth(0)).toContainText('Moscow MTS 01Done')
  await expect(results.nth(1)).toContainText('Moscow Tele2 02Failed')
  expect(mts.status).toBe('offline')
  expect(tele2.status).toBe('online')
  // The statuses are fetched again after the run: the rebooting phone shows offline.
  await expect(row(page, 'Moscow MTS 01').getByRole('gridcell').nth(1)).toContainText('Offline')
})

test("bulk check and export of the selected connections' proxies", async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openHome(page)
  const ids = ['London EE', 'Berlin Telekom'].map((name) => idOf(sim, name))
  const proxies = [...sim.state.proxies.values()].filter((p) => ids.includes(p.connectionId))
  await page.getByRole('checkbox', { name: 'Select London EE' }).check()
  await page.getByRole('checkbox', { name: 'Select Berlin Telekom' }).check()
  const bulk = page.getByRole('toolbar', { name: 'Actions on the selection' })

  await bulk.getByRole('button', { name: `Check proxies (${proxies.length})` }).click()
  await expect(page.getByRole('region', { name: 'Check of the selected proxies' }).getByRole('status')).toHaveText(`${proxies.length} of ${proxies.length} checked — Finished`, { timeout: 30_000 })

  await bulk.getByRole('button', { name: `Export proxies (${proxies.length})…` }).click()
  const dialog = page.getByRole('dialog', { name: `Export ${proxies.length} proxies` })
  await dialog.getByRole('button', { name: 'Copy to clipboard' }).click()
  await expect(dialog.getByText(`Copied ${proxies.length} proxies to the clipboard.`)).toBeVisible()
  const copied = app.desktop.clipboard.at(-1) ?? ''
  for (const proxy of proxies) expect(copied).toContain(String(proxy.port))
  await dialog.getByRole('button', { name: 'Close' }).click()
})

test('statuses refresh on demand and every 30 seconds, in one request for all connections', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await page.clock.install()
  await openHome(page)
  // Re-enter the screen so its 30-second timer runs on the installed clock.
  const nav = page.getByRole('navigation', { name: 'Sections' })
  await nav.getByRole('button', { name: 'Proxies', exact: true }).click()
  await nav.getByRole('button', { name: 'Connections', exact: true }).click()
  await openHome(page)

  const miami = sim.state.connections.get(idOf(sim, 'Miami Verizon'))!
  miami.status = 'offline'
  miami.statusChangedAt = Date.now()
  const statusCell = row(page, 'Miami Verizon').getByRole('gridcell').nth(1)
  await expect(statusCell).toContainText('Online')
  const calls = app.bridgeResults.length
  await page.clock.runFor(30_000)
  await expect(statusCell).toContainText('Offline')
  // One API request (the statuses) and one local read of the history board that follows it.
  await expect.poll(() => app.bridgeResults.length - calls).toBe(2)

  miami.status = 'flapping'
  await page.getByRole('button', { name: 'Refresh', exact: true }).click()
  await expect(statusCell).toContainText('Flapping')
})

test('a failed refresh keeps the list with "could not refresh" and a retry that works', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openHome(page)
  sim.faults.set([{ path: '/connections-status', fault: { kind: 'status', status: 429, retryAfterSeconds: 3600 } }])
  await page.getByRole('button', { name: 'Refresh', exact: true }).click()
  const notice = page.getByRole('alert').filter({ hasText: 'Could not refresh:' })
  await expect(notice).toBeVisible()
  await expect(dataRows(page)).toHaveCount(12)
  await expect(row(page, 'Moscow MTS 01')).toContainText('Online')

  sim.faults.clear()
  await notice.getByRole('button', { name: 'Retry' }).click()
  await expect(notice).toHaveCount(0)
})

test('New connection: validation on the named field, server failure keeps the draft, success adds the row', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openHome(page)
  await page.getByRole('button', { name: 'New connection' }).click()
  const dialog = page.getByRole('dialog', { name: 'New connection' })
  await expect(dialog.getByRole('radio', { name: 'Country and city' })).toBeChecked()

  // The shared validator names the fields before anything is sent.
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true')
  await expect(dialog.getByText('must be 1–256 characters')).toBeVisible()
  await expect(dialog.getByRole('combobox', { name: 'Country' })).toHaveAttribute('aria-invalid', 'true')
  await expect(dialog.getByText('must be a 2-letter country code such as us')).toBeVisible()

  await dialog.getByRole('combobox', { name: 'Country' }).selectOption('us')
  await dialog.getByRole('combobox', { name: 'City' }).fill('lax')
  await dialog.getByRole('textbox', { name: 'Name' }).fill('LA AT&T')
  await dialog.getByRole('textbox', { name: 'Description (optional)' }).fill('for the LA team')

  // The server fails: the error is shown, the dialog and its draft stay.
  sim.faults.set([{ path: '/connections', method: 'POST', fault: { kind: 'status', status: 503, message: 'creation is paused' } }])
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(dialog.getByRole('alert')).toBeVisible()
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('LA AT&T')
  await expect(dialog.getByRole('combobox', { name: 'City' })).toHaveValue('lax')
  const count = sim.state.connections.size

  sim.faults.clear()
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByRole('status').filter({ hasText: 'Connection “LA AT&T” was created.' })).toBeVisible()
  expect(sim.state.connections.size).toBe(count + 1)
  const created = [...sim.state.connections.values()].find((c) => c.name === 'LA AT&T')!
  expect([created.country, created.city, created.description, created.settings.prolongation_enabled]).toEqual(['us', 'lax', 'for the LA team', true])
  await expect(dataRows(page)).toHaveCount(13)
  await expect(row(page, 'LA AT&T')).toContainText('United States')
})

test('New connection on a VIP server, without auto-prolongation; Escape closes the dialog', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openHome(page)
  await page.getByRole('button', { name: 'New connection' }).click()
  let dialog = page.getByRole('dialog', { name: 'New connection' })
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)

  await page.getByRole('button', { name: 'New connection' }).click()
  dialog = page.getByRole('dialog', { name: 'New connection' })
  await dialog.getByRole('radio', { name: 'VIP server' }).check()
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(dialog.getByRole('textbox', { name: 'VIP server id' })).toHaveAttribute('aria-invalid', 'true')
  await dialog.getByRole('textbox', { name: 'VIP server id' }).fill('vip-de-fra-1')
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Frankfurt VIP')
  await dialog.getByRole('checkbox', { name: 'Prolong the plan automatically' }).uncheck()
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(dialog).toHaveCount(0)
  const created = [...sim.state.connections.values()].find((c) => c.name === 'Frankfurt VIP')!
  expect([created.serverId, created.country, created.settings.prolongation_enabled]).toEqual(['vip-de-fra-1', 'de', false])
  await expect(row(page, 'Frankfurt VIP')).toContainText('Germany')
})

test("clicking a connection's name opens its detail", async ({ app }) => {
  const { page } = app
  await openHome(page)
  await row(page, 'London EE').getByRole('button', { name: 'London EE', exact: true }).click()
  await expect(grid(page)).toHaveCount(0)
  await expect(page.getByRole('tablist')).toBeVisible()
  await expect(page.locator('#detail-tab-overview')).toHaveAttribute('aria-selected', 'true')
})

test('in Russian, the screen speaks Russian', async ({ app }) => {
  const { page } = app
  await openHome(page)
  await page.getByLabel('Language').selectOption('ru')
  await expect(page.getByRole('grid', { name: 'Подключения' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Новое подключение' })).toBeVisible()
  await expect(page.getByRole('searchbox', { name: 'Поиск подключений' })).toBeVisible()
  await page.getByRole('combobox', { name: 'Язык' }).selectOption('en')
  await expect(page.getByRole('button', { name: 'New connection' })).toBeVisible()
})

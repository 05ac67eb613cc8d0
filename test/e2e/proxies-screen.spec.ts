/**
 * The account-wide Proxies screen against the demo simulator: every proxy access with its connection's name,
 * filters (connection, service, authentication, expiry), search, sort, multi-select, opening the connection, and
 * a failed refresh.
 */
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import type { Simulator } from '../../src/main/demo'
import { SCREENS_DIR } from './harness/paths'
import { expect, skipWithoutChromium, test } from './harness/fixtures'

skipWithoutChromium()
test.use({ demoMode: true })

const grid = (page: Page) => page.getByRole('grid', { name: 'Proxy accesses' })
const dataRows = (page: Page) => grid(page).getByRole('row').filter({ has: page.getByRole('rowheader') })
const proxiesOf = (sim: Simulator) => [...sim.state.proxies.values()]
const connectionName = (sim: Simulator, id: string) => sim.state.connections.get(id)!.name

async function openProxies(page: Page, total: number) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Proxies', exact: true }).click()
  await expect(page.getByText(`${total} of ${total} proxy accesses`)).toBeVisible()
}

test('lists every proxy access of the account with its connection; screenshots', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const all = proxiesOf(sim)
  await openProxies(page, all.length)
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(all.length + 1))
  // A proxy of the first connection by name, so its row is among those rendered.
  const firstConnection = [...sim.state.connections.values()].sort((a, b) => a.name.localeCompare(b.name))[0]!
  const sample = all.find((p) => p.login && p.connectionId === firstConnection.id)!
  const sampleRow = dataRows(page).filter({ hasText: sample.login! })
  await expect(sampleRow).toHaveCount(1)
  await expect(sampleRow.getByRole('rowheader')).toHaveText(connectionName(sim, sample.connectionId))
  await expect(sampleRow).toContainText(sample.listenService === 'http' ? 'HTTP' : 'SOCKS5')
  await expect(sampleRow).toContainText(`:${sample.port}`)
  await expect(sampleRow).toContainText('Login and password')

  await page.emulateMedia({ colorScheme: 'light' })
  await page.screenshot({ path: resolve(SCREENS_DIR, 'proxies-light.png') })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: resolve(SCREENS_DIR, 'proxies-dark.png') })
})

test('filters by connection, service, authentication and expiry, and searches', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const all = proxiesOf(sim)
  // One access expired yesterday: the expiry filter and the row show it.
  const expired = all.find((p) => p.authType === 'userpass' && !p.expiresAt)!
  expired.expiresAt = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString()
  await openProxies(page, all.length)

  const london = [...sim.state.connections.values()].find((c) => c.name === 'London EE')!
  await page.getByLabel('Connection').selectOption({ label: 'London EE' })
  await expect(dataRows(page)).toHaveCount(all.filter((p) => p.connectionId === london.id).length)
  await expect(dataRows(page).getByRole('rowheader')).toHaveText(Array(all.filter((p) => p.connectionId === london.id).length).fill('London EE'))
  await page.getByLabel('Connection').selectOption({ label: 'All' })

  await page.getByLabel('Service').selectOption({ label: 'HTTP' })
  await expect(page.getByText(`${all.filter((p) => p.listenService === 'http').length} of ${all.length} proxy accesses`)).toBeVisible()
  await page.getByLabel('Authentication').selectOption({ label: 'Allowed IPs only' })
  await expect(page.getByText('No proxy access matches the search and filters.')).toBeVisible()
  await page.getByLabel('Service').selectOption({ label: 'All' })
  await expect(dataRows(page)).toHaveCount(all.filter((p) => p.authType === 'noauth').length)
  await page.getByLabel('Authentication').selectOption({ label: 'All' })

  await page.getByLabel('Expiry').selectOption({ label: 'Expired' })
  await expect(dataRows(page)).toHaveCount(1)
  await expect(dataRows(page).first().locator('.expiry-expired').first()).toBeVisible()
  await expect(dataRows(page).first()).toContainText(expired.login!)
  await page.getByLabel('Expiry').selectOption({ label: 'Expires later' })
  await expect(dataRows(page)).toHaveCount(all.filter((p) => p.expiresAt && Date.parse(p.expiresAt) > Date.now() + 7 * 86_400_000).length)
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(page.getByText(`${all.length} of ${all.length} proxy accesses`)).toBeVisible()

  const search = page.getByRole('searchbox', { name: 'Search proxies' })
  await search.pressSequentially(expired.login!)
  await expect(dataRows(page)).toHaveCount(1)
})

test('sorts by a column both ways', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const all = proxiesOf(sim)
  await openProxies(page, all.length)
  const header = grid(page).getByRole('columnheader', { name: 'Connection' })
  await expect(header).toHaveAttribute('aria-sort', 'ascending')
  await page.getByLabel('Connection').selectOption({ label: 'Berlin Telekom' })
  const addressHeader = grid(page).getByRole('columnheader', { name: 'Address' })
  await addressHeader.getByRole('button').click()
  await expect(addressHeader).toHaveAttribute('aria-sort', 'ascending')
  await expect(header).toHaveAttribute('aria-sort', 'none')
  const ports = async () => (await dataRows(page).locator('.col-address > span.mono').allTextContents()).map((a) => Number(a.split(':').at(-1)))
  const ascending = await ports()
  expect(ascending.length).toBeGreaterThan(1)
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b))
  await addressHeader.getByRole('button').click()
  await expect(addressHeader).toHaveAttribute('aria-sort', 'descending')
  expect(await ports()).toEqual([...ascending].reverse())
})

test('multi-select: all shown, one more by hand, and clear', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const all = proxiesOf(sim)
  await openProxies(page, all.length)
  const socks = all.filter((p) => p.listenService === 'socks5').length
  await page.getByLabel('Service').selectOption({ label: 'SOCKS5' })
  await page.getByRole('checkbox', { name: 'Select all shown proxy accesses' }).check()
  const bulk = page.getByRole('toolbar', { name: 'Actions on the selected proxies' })
  await expect(bulk.getByText(`Selected: ${socks}`)).toBeVisible()
  await expect(dataRows(page).first()).toHaveAttribute('aria-selected', 'true')

  await page.getByLabel('Service').selectOption({ label: 'HTTP' })
  await expect(page.getByRole('checkbox', { name: 'Select all shown proxy accesses' })).not.toBeChecked()
  const first = dataRows(page).first()
  await expect(first).toHaveAttribute('aria-selected', 'false')
  await first.getByRole('checkbox').check()
  await expect(first).toHaveAttribute('aria-selected', 'true')
  await expect(bulk.getByText(`Selected: ${socks + 1}`)).toBeVisible()

  await bulk.getByRole('button', { name: 'Clear selection' }).click()
  await expect(bulk).toHaveCount(0)
  await expect(first).toHaveAttribute('aria-selected', 'false')
})

test('selected proxies: check them (results in each row), export them, copy one line', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const all = proxiesOf(sim)
  await openProxies(page, all.length)
  await page.getByLabel('Connection').selectOption({ label: 'London EE' })
  const london = all.filter((p) => p.connectionId === [...sim.state.connections.values()].find((c) => c.name === 'London EE')!.id)
  await expect(dataRows(page)).toHaveCount(london.length)
  await page.getByRole('checkbox', { name: 'Select all shown proxy accesses' }).check()
  const bulk = page.getByRole('toolbar', { name: 'Actions on the selected proxies' })

  await bulk.getByRole('button', { name: `Check selected (${london.length})` }).click()
  await expect(bulk.getByRole('status').filter({ hasText: 'checked' })).toHaveText(`${london.length} of ${london.length} checked — Finished`, { timeout: 30_000 })
  // Each row shows its own result (London is online: the checks pass).
  for (let i = 0; i < london.length; i++) await expect(dataRows(page).nth(i).locator('.col-health')).toContainText('OK')

  await bulk.getByRole('button', { name: `Export ${london.length} proxies…` }).click()
  const dialog = page.getByRole('dialog', { name: `Export ${london.length} proxies` })
  await dialog.getByRole('button', { name: 'Copy to clipboard' }).click()
  await expect(dialog.getByText(`Copied ${london.length} proxies to the clipboard.`)).toBeVisible()
  await dialog.getByRole('button', { name: 'Close' }).click()

  const first = london.sort((a, b) => a.port - b.port)[0]!
  await page.getByRole('button', { name: `Copy proxy line: 127.0.0.1:${first.port}` }).click()
  await expect.poll(() => app.desktop.clipboard.at(-1) ?? '').toContain(String(first.port))
})

test("the connection's name opens that connection on its Proxies tab", async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openProxies(page, proxiesOf(sim).length)
  await page.getByLabel('Connection').selectOption({ label: 'Miami Verizon' })
  await dataRows(page).first().getByRole('button', { name: 'Miami Verizon' }).click()
  await expect(grid(page)).toHaveCount(0)
  await expect(page.locator('#detail-tab-proxies')).toHaveAttribute('aria-selected', 'true')
})

test('a failed refresh keeps the list with "could not refresh" and a retry that works', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const all = proxiesOf(sim)
  await openProxies(page, all.length)
  sim.faults.set([{ path: '/proxy-access', fault: { kind: 'status', status: 429, retryAfterSeconds: 3600 } }])
  await page.getByRole('button', { name: 'Refresh', exact: true }).click()
  const notice = page.getByRole('alert').filter({ hasText: 'Could not refresh:' })
  await expect(notice).toBeVisible()
  await expect(page.getByText(`${all.length} of ${all.length} proxy accesses`)).toBeVisible()
  await expect(dataRows(page).first()).toBeVisible()

  sim.faults.clear()
  await notice.getByRole('button', { name: 'Retry' }).click()
  await expect(notice).toHaveCount(0)
})

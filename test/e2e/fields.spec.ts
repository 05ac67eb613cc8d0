/**
 * The seed's fields that had no place on screen (issue 18 points 8, 11 and 14): the phone's and app's flags and the
 * current exit IP on a connection's Overview, the VPN accesses' DNS, the action-links filter, the connections list
 * and a connection's IP history saved as CSV, and the New connection dialog's country picker and auto-prolong text.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { AppHarness } from './harness/fixtures'
import { expect, skipWithoutChromium, test } from './harness/fixtures'

skipWithoutChromium()
test.use({ demoMode: true })
// Each test walks several screens (and the statistics load four API calls): three times the default time, for busy machines.
test.beforeEach(() => test.slow())

type Sim = Awaited<ReturnType<AppHarness['simulator']>>

const nav = (page: Page, section: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section, exact: true }).click()

function connectionNamed(sim: Sim, name: string) {
  const conn = [...sim.state.connections.values()].find((c) => c.name === name)
  if (!conn) throw new Error(`no demo connection named ${name}`)
  return conn
}

async function openDetail(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click()
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible()
}

/** The newest entry of iProxy's IP history for the last week, asked of the simulator the way main asks it. */
async function newestApiIp(sim: Sim, connId: string): Promise<string> {
  const now = Date.now()
  const query = new URLSearchParams({ from: new Date(now - 7 * 86_400_000).toISOString(), to: new Date(now + 60_000).toISOString() })
  const res = await fetch(`${sim.baseUrl}/connections/${connId}/ip-history?${query}`, { headers: { Authorization: `Bearer ${sim.apiKey}` } })
  const { ip_history } = (await res.json()) as { ip_history: Array<{ date: string; ipv4?: string }> }
  const newest = [...ip_history].sort((a, b) => Date.parse(b.date) - Date.parse(a.date))[0]
  if (!newest?.ipv4) throw new Error('the simulator has no IP history for this connection')
  return newest.ipv4
}

test('Overview: the current exit IP with when it was seen, and every device and app flag in plain words', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const moscow = connectionNamed(sim, 'Moscow MTS 01')
  await openDetail(page, 'Moscow MTS 01')

  const exit = page.getByRole('region', { name: 'Current exit IP' })
  await expect(exit.getByTestId('overview-exit-ip')).toHaveText(await newestApiIp(sim, moscow.id))
  await expect(exit).toContainText(/ago · in iProxy’s IP history|ago · by this app’s check/)
  await expect(exit.locator('time')).toHaveAttribute('title', /UTC/)

  const device = page.getByRole('region', { name: 'Device and app' })
  await expect(device.getByTestId('device-build_number')).toHaveText(moscow.device!.buildNumber)
  await expect(device.getByTestId('device-installation_id')).toHaveText(moscow.device!.installationId)
  await expect(device.getByTestId('device-ready_to_change_ip')).toHaveText('Yes — the phone can change its IP now.')
  await expect(device.getByTestId('device-agent_setup_complete')).toHaveText('Yes — the iProxy app on the phone is fully set up.')
  await expect(device.getByTestId('device-owner_mode_enabled')).toContainText('No — the app is not the phone’s device owner')
  await expect(device.getByTestId('device-mobile_data_always_on')).toContainText('Yes — Android keeps mobile data on')
  await expect(device.getByTestId('device-wifi_split_enabled')).toContainText('No — the app and proxy traffic use the same network.')
  await expect(device.getByTestId('device-is_onboarding')).toHaveText('No — the first setup is done.')

  // A connection whose phone never reported in: still being set up, the phone's flags unknown (not hidden).
  await page.getByRole('button', { name: /Back to connections/ }).click()
  await openDetail(page, 'Bangkok AIS (setting up)')
  const fresh = page.getByRole('region', { name: 'Device and app' })
  await expect(fresh.getByTestId('device-is_onboarding')).toHaveText('Yes — the connection is still in its first setup (onboarding).')
  await expect(fresh.getByTestId('device-ready_to_change_ip')).toHaveText('Unknown — the phone has not said whether it can change its IP.')
  await expect(fresh.getByTestId('device-owner_mode_enabled')).toContainText('Unknown')
  await expect(page.getByRole('region', { name: 'Current exit IP' })).toContainText('No exit IP seen in the last 7 days')
})

test('the VPN screen shows each access’s DNS servers', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const moscow = connectionNamed(sim, 'Moscow MTS 01')
  const withDns = [...sim.state.vpns.values()].find((v) => v.connectionId === moscow.id)
  const withoutDns = [...sim.state.vpns.values()].find((v) => sim.state.connections.get(v.connectionId)!.settings.dns.length === 0)
  expect(withDns && withoutDns).toBeTruthy()
  await nav(page, 'VPN')
  const grid = page.getByRole('grid', { name: /VPN/ })
  await expect(grid.getByRole('columnheader', { name: 'DNS' })).toBeVisible()
  await expect(grid.getByRole('row').filter({ hasText: withDns!.name }).first()).toContainText('1.1.1.1, 8.8.8.8')
  await expect(grid.getByRole('row').filter({ hasText: withoutDns!.name }).first()).toContainText('Network default')
})

test('the action-links filter narrows the list to one action, as the API answers it', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const links = [...sim.state.actionLinks.values()]
  const changeIp = links.filter((l) => l.action === 'changeip').length
  expect(changeIp).toBeGreaterThan(0)
  expect(changeIp).toBeLessThan(links.length)
  await nav(page, 'Action links')
  const table = page.getByRole('grid', { name: 'Action links' })
  await expect(table.getByRole('rowheader')).toHaveCount(links.length)

  await page.getByLabel('Show').selectOption({ label: 'Change IP' })
  await expect(table.getByRole('rowheader')).toHaveCount(changeIp)
  await expect(table.getByRole('rowheader').filter({ hasText: 'Reboot' })).toHaveCount(0)
  await page.getByLabel('Show').selectOption({ label: 'Reboot' })
  await expect(table.getByRole('rowheader')).toHaveCount(links.length - changeIp)
  await page.getByLabel('Show').selectOption({ label: 'All actions' })
  await expect(table.getByRole('rowheader')).toHaveCount(links.length)
})

test('the connections list and a connection’s IP history are saved as CSV files', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const dir = mkdtempSync(join(tmpdir(), 'iproxy-e2e-fields-'))
  try {
    await nav(page, 'Exports')
    const section = page.getByRole('region', { name: 'Connections' })
    app.desktop.nextSavePath = join(dir, 'fleet.csv')
    await section.getByRole('button', { name: 'Connections as CSV…' }).click()
    await expect(section.getByRole('status')).toHaveText(`Saved ${sim.state.connections.size} rows to ${join(dir, 'fleet.csv')}.`)
    expect(app.desktop.dialogsShown.at(-1)).toBe('Save connections as CSV')
    const lines = readFileSync(join(dir, 'fleet.csv'), 'utf8').trimEnd().split('\n')
    expect(lines[0]).toBe('id,name,description,status,country,city,server_id,plan_id,plan_expires_at,auto_prolong,manufacturer,model,android_version,app_version,last_activity_at,created_at')
    expect(lines).toHaveLength(1 + sim.state.connections.size)
    const moscow = connectionNamed(sim, 'Moscow MTS 01')
    expect(lines.find((l) => l.startsWith(`${moscow.id},`))).toContain(',Moscow MTS 01,')

    await nav(page, 'Connections')
    await openDetail(page, 'Moscow MTS 01')
    await page.getByRole('tab', { name: 'Statistics', exact: true }).click()
    const ipTable = page.getByRole('table', { name: 'IP history' })
    await expect(ipTable).toBeVisible({ timeout: 20_000 })
    app.desktop.nextSavePath = join(dir, 'ips.csv')
    await page.getByRole('button', { name: 'Download CSV…' }).click()
    await expect(page.getByRole('status').filter({ hasText: `to ${join(dir, 'ips.csv')}.` })).toBeVisible()
    const ips = readFileSync(join(dir, 'ips.csv'), 'utf8').trimEnd().split('\n')
    expect(ips[0]).toBe('date,ipv4,ipv6')
    expect(ips.length).toBeGreaterThan(1)
    expect(ips.slice(1).every((l) => /^\d{4}-\d{2}-\d{2}T[^,]+,\d+\.\d+\.\d+\.\d+,/.test(l))).toBe(true)
    // The first address the table shows is in the file.
    const firstIp = (await ipTable.getByRole('cell').filter({ hasText: /^\d+\.\d+\.\d+\.\d+$/ }).first().textContent())!.trim()
    expect(ips.some((l) => l.includes(`,${firstIp},`) || l.endsWith(`,${firstIp}`))).toBe(true)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('New connection offers countries by name and known cities, and says plainly what auto-prolong does', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await page.getByRole('button', { name: 'New connection' }).click()
  const dialog = page.getByRole('dialog', { name: 'New connection' })
  const country = dialog.getByRole('combobox', { name: 'Country' })
  // The account's countries come first, by name.
  const used = country.locator('optgroup[label="Used by your connections"] option')
  await expect(used.filter({ hasText: 'United States (us)' })).toHaveCount(1)
  const usedCountries = new Set([...sim.state.connections.values()].map((c) => c.country))
  await expect(used).toHaveCount(usedCountries.size)
  // Every other country too, after them.
  await expect(country.locator('optgroup[label="All countries"] option').filter({ hasText: 'France (fr)' })).toHaveCount(1)
  await expect(country.locator('optgroup[label="All countries"] option').filter({ hasText: 'United States (us)' })).toHaveCount(0)

  await country.selectOption('us')
  const usCities = [...new Set([...sim.state.connections.values()].filter((c) => c.country === 'us').map((c) => c.city))].sort()
  const cityList = dialog.locator(`datalist#${await dialog.getByRole('combobox', { name: 'City' }).getAttribute('list')}`.replace(/:/g, '\\:'))
  expect((await cityList.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).sort()).toEqual(usCities)
  await country.selectOption('fr')
  await expect(cityList.locator('option')).toHaveCount(0)
  await country.selectOption('pl')
  await expect(cityList.locator('option')).toHaveCount(1)
  await expect(cityList.locator('option')).toHaveAttribute('value', 'waw')

  const prolong = dialog.getByRole('checkbox', { name: 'Prolong the plan automatically' })
  await expect(prolong).toBeChecked()
  await expect(prolong).toHaveAccessibleDescription(/from your account balance and prolongs the plan by itself/)
  await prolong.uncheck()
  await expect(prolong).toHaveAccessibleDescription(/nothing is ever paid automatically/)

  await dialog.getByRole('combobox', { name: 'City' }).fill('waw')
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Warsaw Play')
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(dialog).toHaveCount(0)
  const created = connectionNamed(sim, 'Warsaw Play')
  expect([created.country, created.city, created.settings.prolongation_enabled]).toEqual(['pl', 'waw', false])

  // In Russian the countries are named in Russian.
  await page.getByLabel('Language').selectOption('ru')
  await page.getByRole('button', { name: 'Новое подключение' }).click()
  await expect(page.getByRole('dialog').getByRole('combobox', { name: 'Страна' }).locator('option').filter({ hasText: 'Франция (fr)' })).toHaveCount(1)
})

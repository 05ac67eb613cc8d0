/**
 * The connection detail's Proxies, VPN, Statistics and Action links tabs against the demo simulator: each action
 * and its visible outcome (checked in the simulator's state too), failures injected through the simulator's
 * faults, and a screenshot of each tab in both themes.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, skipWithoutChromium, test } from './harness/fixtures'
import type { AppHarness } from './harness/fixtures'
import { SCREENS_DIR } from './harness/paths'

skipWithoutChromium()
test.use({ demoMode: true })

const CONN = 'Moscow MTS 01'

async function connId(app: AppHarness, name = CONN): Promise<string> {
  const sim = await app.simulator()
  const conn = [...sim.state.connections.values()].find((c) => c.name === name)
  if (!conn) throw new Error(`no demo connection ${name}`)
  return conn.id
}

async function openTab(page: Page, tab: 'Proxies' | 'VPN' | 'Statistics' | 'Action links', name = CONN): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click()
  await page.getByRole('tablist').getByRole('tab', { name: tab, exact: true }).click()
  await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true')
}

test.describe('Proxies tab', () => {
  test('lists the proxies, creates one with generated credentials, edits and deletes it after confirming', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    const id = await connId(app)
    const before = [...sim.state.proxies.values()].filter((p) => p.connectionId === id)
    await openTab(page, 'Proxies')
    const table = page.getByRole('grid', { name: 'Proxies of this connection' })
    await expect(table.getByRole('rowheader')).toHaveCount(before.length)

    await page.getByRole('button', { name: 'Add proxy' }).click()
    const dialog = page.getByRole('dialog', { name: 'New proxy' })
    await dialog.getByLabel('Service').selectOption('socks5')
    await dialog.getByLabel('Description').fill('e2e client')
    await dialog.getByRole('button', { name: 'Create proxy' }).click()
    await expect(dialog).toBeHidden()
    await expect(table.getByRole('rowheader')).toHaveCount(before.length + 1)
    const created = [...sim.state.proxies.values()].find((p) => p.connectionId === id && p.description === 'e2e client')
    expect(created?.listenService).toBe('socks5')
    expect(created?.login).toBeTruthy()
    const row = table.getByRole('row').filter({ hasText: 'e2e client' })
    await expect(row).toContainText('SOCKS5')
    await expect(row).toContainText(created!.login!)
    await expect(page.getByRole('status').filter({ hasText: 'created' })).toBeVisible()

    // Edit: set an expiry and change the description.
    const address = (await row.getByRole('rowheader').textContent())!.trim()
    await page.getByRole('button', { name: `Edit proxy ${address}` }).click()
    const edit = page.getByRole('dialog', { name: `Edit proxy ${address}` })
    await edit.getByLabel('Description').fill('e2e client renamed')
    await edit.getByLabel('Expires').fill('2030-05-01T12:30')
    await edit.getByRole('button', { name: 'Save' }).click()
    await expect(edit).toBeHidden()
    await expect(table.getByRole('row').filter({ hasText: 'e2e client renamed' })).toBeVisible()
    expect(sim.state.proxies.get(created!.id)?.description).toBe('e2e client renamed')
    expect(Date.parse(sim.state.proxies.get(created!.id)!.expiresAt!)).toBe(new Date('2030-05-01T12:30').getTime())
    // Local time on screen, UTC on hover.
    await expect(table.getByRole('row').filter({ hasText: 'e2e client renamed' }).locator('time')).toHaveAttribute('title', /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\)?$/)

    // Delete asks first and says what happens.
    await page.getByRole('button', { name: `Delete proxy ${address}` }).click()
    const confirm = page.getByRole('dialog', { name: `Delete proxy ${address}?` })
    await expect(confirm).toContainText('stops working')
    await confirm.getByRole('button', { name: 'Delete proxy' }).click()
    await expect(confirm).toBeHidden()
    await expect(table.getByRole('rowheader')).toHaveCount(before.length)
    expect(sim.state.proxies.has(created!.id)).toBe(false)
  })

  test('puts validator errors on the field and keeps the form after a failed save', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    await openTab(page, 'Proxies')
    await page.getByRole('button', { name: 'Add proxy' }).click()
    const dialog = page.getByRole('dialog', { name: 'New proxy' })
    // A proxy without a password needs an IP allow-list.
    await dialog.getByLabel('Authentication').selectOption('noauth')
    await dialog.getByRole('button', { name: 'Create proxy' }).click()
    await expect(dialog.getByLabel('IP allow-list')).toHaveAttribute('aria-invalid', 'true')
    await expect(dialog.getByRole('alert')).toContainText('at least one IP')
    await dialog.getByLabel('IP allow-list').fill('not-an-ip')
    await dialog.getByRole('button', { name: 'Create proxy' }).click()
    await expect(dialog.getByRole('alert')).toContainText('Not an IP address')

    // The server fails: the dialog stays open with the reason and everything typed.
    sim.faults.set([{ path: '/connections/*/proxy-access', method: 'POST', fault: { kind: 'status', status: 500 } }])
    await dialog.getByLabel('IP allow-list').fill('203.0.113.7')
    await dialog.getByLabel('Description').fill('kept after failure')
    await dialog.getByRole('button', { name: 'Create proxy' }).click()
    await expect(dialog.getByRole('alert')).toContainText(/internal|server|500/i)
    await expect(dialog.getByLabel('Description')).toHaveValue('kept after failure')
    await expect(dialog.getByLabel('IP allow-list')).toHaveValue('203.0.113.7')
    sim.faults.clear()
    await dialog.getByRole('button', { name: 'Create proxy' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('row').filter({ hasText: 'kept after failure' })).toContainText('203.0.113.7')
  })

  test('copies a proxy line and checks a proxy (health and exports parts placed on the row)', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    const id = await connId(app)
    const proxy = [...sim.state.proxies.values()].find((p) => p.connectionId === id && p.authType === 'userpass')!
    const address = `127.0.0.1:${proxy.port}`
    await openTab(page, 'Proxies')
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: address }) })
    await expect(row).toContainText('Not checked')
    await row.getByRole('button', { name: `Copy proxy line: ${address}` }).click()
    await expect.poll(() => app.desktop.clipboard.length).toBe(1)
    expect(app.desktop.clipboard[0]).toContain(String(proxy.port))
    await row.getByRole('button', { name: `Check ${address}` }).click()
    await expect(row).toContainText('OK', { timeout: 20_000 })
  })

  test('a failed refresh keeps the list on screen with a notice and a retry', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    await openTab(page, 'Proxies')
    const table = page.getByRole('grid', { name: 'Proxies of this connection' })
    await expect(table.getByRole('rowheader').first()).toBeVisible()
    const count = await table.getByRole('rowheader').count()
    sim.faults.set([{ path: '/connections/*/proxy-access', method: 'GET', fault: { kind: 'status', status: 503 } }])
    await page.getByRole('button', { name: 'Refresh proxies' }).click()
    const notice = page.getByRole('alert').filter({ hasText: 'Could not refresh' })
    await expect(notice).toBeVisible({ timeout: 15_000 })
    await expect(table.getByRole('rowheader')).toHaveCount(count)
    sim.faults.clear()
    await notice.getByRole('button', { name: 'Retry' }).click()
    await expect(notice).toBeHidden({ timeout: 15_000 })
    await expect(table.getByRole('rowheader')).toHaveCount(count)
  })
})

test.describe('VPN tab', () => {
  test('creates, renames, sets the expiry of and deletes an OpenVPN access', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    const id = await connId(app)
    await openTab(page, 'VPN')
    const table = page.getByRole('grid', { name: 'OpenVPN accesses' })
    const before = [...sim.state.vpns.values()].filter((v) => v.connectionId === id).length
    await expect(table.getByRole('rowheader')).toHaveCount(before)

    await page.getByRole('button', { name: 'Add VPN access' }).click()
    const dialog = page.getByRole('dialog', { name: 'New OpenVPN access' })
    await dialog.getByRole('button', { name: 'Create VPN access' }).click()
    await expect(dialog.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true')
    await dialog.getByLabel('Name').fill('Office laptop')
    await dialog.getByRole('button', { name: 'Create VPN access' }).click()
    await expect(dialog).toBeHidden()
    await expect(table.getByRole('rowheader', { name: 'Office laptop' })).toBeVisible()
    const vpn = [...sim.state.vpns.values()].find((v) => v.connectionId === id && v.name === 'Office laptop')
    expect(vpn).toBeTruthy()

    await page.getByRole('button', { name: 'Rename Office laptop' }).click()
    const rename = page.getByRole('dialog', { name: 'Rename “Office laptop”' })
    await rename.getByLabel('Name').fill('Home laptop')
    await rename.getByRole('button', { name: 'Save' }).click()
    await expect(table.getByRole('rowheader', { name: 'Home laptop' })).toBeVisible()
    expect(sim.state.vpns.get(vpn!.id)?.name).toBe('Home laptop')

    await page.getByRole('button', { name: 'Set expiry of Home laptop' }).click()
    const expiry = page.getByRole('dialog', { name: 'Expiry of “Home laptop”' })
    await expiry.getByLabel('No expiry').uncheck()
    await expiry.getByLabel('Expires').fill('2031-01-15T09:00')
    await expiry.getByRole('button', { name: 'Save' }).click()
    await expect(expiry).toBeHidden()
    expect(Date.parse(sim.state.vpns.get(vpn!.id)!.expiresAt!)).toBe(new Date('2031-01-15T09:00').getTime())
    await expect(table.getByRole('row').filter({ hasText: 'Home laptop' }).locator('time')).toHaveAttribute('title', /2031-01-15/)

    await page.getByRole('button', { name: 'Delete Home laptop' }).click()
    const confirm = page.getByRole('dialog', { name: 'Delete VPN access “Home laptop”?' })
    await expect(confirm).toContainText('.ovpn file stops working')
    await confirm.getByRole('button', { name: 'Delete VPN access' }).click()
    await expect(table.getByRole('rowheader', { name: 'Home laptop' })).toBeHidden()
    expect(sim.state.vpns.has(vpn!.id)).toBe(false)
  })

  test('a failed delete stays in the dialog with the reason; a failed refresh keeps the list', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    await openTab(page, 'VPN')
    const table = page.getByRole('grid', { name: 'OpenVPN accesses' })
    await expect(table.getByRole('rowheader').first()).toBeVisible()
    const first = (await table.getByRole('rowheader').first().textContent())!.trim()
    sim.faults.set([{ path: '/connections/*/ovpn-access/*', method: 'DELETE', fault: { kind: 'status', status: 500 } }])
    await page.getByRole('button', { name: `Delete ${first}` }).click()
    const confirm = page.getByRole('dialog', { name: `Delete VPN access “${first}”?` })
    await confirm.getByRole('button', { name: 'Delete VPN access' }).click()
    await expect(confirm.getByRole('alert')).toBeVisible({ timeout: 15_000 })
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await expect(table.getByRole('rowheader', { name: first })).toBeVisible()

    sim.faults.set([{ path: '/connections/*/ovpn-access', method: 'GET', fault: { kind: 'status', status: 502 } }])
    await page.getByRole('button', { name: 'Refresh VPN accesses' }).click()
    const notice = page.getByRole('alert').filter({ hasText: 'Could not refresh' })
    await expect(notice).toBeVisible({ timeout: 15_000 })
    await expect(table.getByRole('rowheader', { name: first })).toBeVisible()
    sim.faults.clear()
    await notice.getByRole('button', { name: 'Retry' }).click()
    await expect(notice).toBeHidden({ timeout: 15_000 })
  })
})

test.describe('Statistics tab', () => {
  // Thirty days of hourly statistics take a while on a busy machine.
  test.describe.configure({ timeout: 90_000 })
  test('shows traffic by day with totals, traffic by port, uptime and IP history; the period can change', async ({ app }) => {
    const { page } = app
    await openTab(page, 'Statistics')
    await expect(page.getByRole('heading', { name: 'Traffic by day' })).toBeVisible()
    await expect(page.getByTestId('stats-total-in')).toHaveText(/\d.* (KB|MB|GB|TB)$/)
    await expect(page.getByTestId('stats-total-out')).toHaveText(/\d.* (B|KB|MB|GB|TB)$/)
    await expect(page.getByRole('img', { name: /Traffic by day: 7|Traffic by day: 8/ })).toBeVisible()
    await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible()
    await expect(page.getByRole('table', { name: 'Traffic by port' }).getByRole('rowheader').first()).toBeVisible()
    await expect(page.getByTestId('uptime-summary')).toContainText(/Up \d+(\.\d)?% of 16\d hours/)
    await expect(page.getByTestId('ip-distinct')).toContainText(/Distinct IPs: \d+/)
    await expect(page.getByRole('table', { name: 'IP history' }).locator('time').first()).toHaveAttribute('title', /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\)?$/)

    // A tooltip appears over a bar.
    const bar = page.locator('.recharts-bar-rectangle').first()
    await bar.hover()
    await expect(page.locator('.recharts-tooltip-wrapper').filter({ hasText: /In.*Out/ })).toContainText(/In : [\d.,]+ (B|KB|MB|GB)/)

    await page.getByLabel('Last 24 hours').check()
    await expect(page.getByTestId('uptime-summary')).toContainText(/of 2[34] hours/)

    // A custom range: "To" must come after "From".
    await page.getByLabel('Custom', { exact: true }).check()
    const custom = page.getByRole('form', { name: 'Custom period' })
    await custom.getByLabel('From').fill('2026-01-10T00:00')
    await custom.getByLabel('To').fill('2026-01-05T00:00')
    await custom.getByRole('button', { name: 'Show' }).click()
    await expect(custom.getByLabel('To')).toHaveAttribute('aria-invalid', 'true')
    const to = new Date(Date.now() - 3_600_000)
    const from = new Date(to.getTime() - 48 * 3_600_000)
    const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
    await custom.getByLabel('From').fill(local(from))
    await custom.getByLabel('To').fill(local(to))
    await custom.getByRole('button', { name: 'Show' }).click()
    await expect(page.getByTestId('uptime-summary')).toContainText(/of (47|48|49) hours/)

    // The time zone is sent with traffic by day.
    await page.getByLabel('Time zone (for days)').selectOption('Asia/Tokyo')
    await expect(page.getByTestId('stats-window')).toContainText('(Asia/Tokyo)')
    const tokyoDays = () =>
      app.bridgeResults.some((r) => {
        const days = (r as { value?: { daily_stats?: Array<{ date: string }> } }).value?.daily_stats
        return days !== undefined && days.length > 0 && days.every((d) => d.date.endsWith('+09:00'))
      })
    await expect.poll(tokyoDays, { timeout: 15_000 }).toBe(true)
  })

  test('a failed load of a new period keeps the last statistics on screen with a retry', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    await openTab(page, 'Statistics')
    await expect(page.getByTestId('uptime-summary')).toBeVisible()
    sim.faults.set([{ path: '/connections/*/uptime', fault: { kind: 'status', status: 500 } }])
    await page.getByLabel('Last 30 days').check()
    const notice = page.getByRole('alert').filter({ hasText: 'Could not refresh' })
    await expect(notice).toBeVisible({ timeout: 15_000 })
    await expect(page.getByTestId('uptime-summary')).toContainText(/of 16\d hours/)
    sim.faults.clear()
    await notice.getByRole('button', { name: 'Retry' }).click()
    await expect(notice).toBeHidden({ timeout: 15_000 })
    await expect(page.getByTestId('uptime-summary')).toContainText(/of (7\d\d) hours/)
  })
})

test.describe('Action links tab', () => {
  test('creates a link, shows its URL, runs it, asks before a reboot, and deletes after confirming', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    const id = await connId(app)
    await openTab(page, 'Action links')
    const table = page.getByRole('grid', { name: 'Action links' })
    const before = [...sim.state.actionLinks.values()].filter((l) => l.connectionId === id).length
    await expect(table.getByRole('rowheader')).toHaveCount(before)

    await page.getByRole('button', { name: 'Add action link' }).click()
    const dialog = page.getByRole('dialog', { name: 'New action link' })
    await dialog.getByLabel('Action').selectOption('changeip')
    await dialog.getByLabel('Comment').fill('for e2e')
    await dialog.getByRole('button', { name: 'Create link' }).click()
    await expect(dialog).toBeHidden()
    await expect(table.getByRole('rowheader')).toHaveCount(before + 1)
    const created = [...sim.state.actionLinks.values()].find((l) => l.comment === 'for e2e')!
    const url = table.getByRole('textbox', { name: 'URL of Change IP (for e2e)' })
    await expect(url).toHaveValue(new RegExp(`/actionlinks/do/changeip/${created.id}$`))
    await expect(url).toHaveAttribute('readonly', '')

    // Changing the IP runs at once.
    const conn = sim.state.connections.get(id)!
    const changes = conn.ipChanges.length
    await page.getByRole('button', { name: 'Run Change IP (for e2e)' }).click()
    await expect(page.getByRole('status')).toContainText('Change IP: the command was sent')
    expect(conn.ipChanges.length).toBe(changes + 1)

    // A reboot asks first; cancelling sends nothing.
    const rebootRow = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Reboot' }) })
    await rebootRow.getByRole('button', { name: /^Run Reboot/ }).click()
    const confirm = page.getByRole('dialog', { name: 'Reboot the phone now?' })
    await expect(confirm).toContainText('The phone restarts')
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await expect(confirm).toBeHidden()
    await rebootRow.getByRole('button', { name: /^Run Reboot/ }).click()
    await confirm.getByRole('button', { name: 'Reboot' }).click()
    await expect(page.getByRole('status')).toContainText('Reboot: the command was sent')

    await page.getByRole('button', { name: 'Delete Change IP (for e2e)' }).click()
    const del = page.getByRole('dialog', { name: 'Delete the “Change IP” link?' })
    await expect(del).toContainText('stops working')
    await del.getByRole('button', { name: 'Delete link' }).click()
    await expect(table.getByRole('rowheader')).toHaveCount(before)
    expect(sim.state.actionLinks.has(created.id)).toBe(false)
  })

  test('a failed run and a failed refresh are reported; the list stays', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    await openTab(page, 'Action links')
    const table = page.getByRole('grid', { name: 'Action links' })
    await expect(table.getByRole('rowheader').first()).toBeVisible()
    const count = await table.getByRole('rowheader').count()
    sim.faults.set([{ path: '/connections/*/actionlinks', method: 'GET', fault: { kind: 'status', status: 500 } }])
    const changeIp = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Change IP' }) }).first()
    await changeIp.getByRole('button', { name: /^Run Change IP/ }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'The link could not be run' })).toBeVisible({ timeout: 15_000 })
    await page.getByRole('button', { name: 'Refresh action links' }).click()
    const notice = page.getByRole('alert').filter({ hasText: 'Could not refresh' })
    await expect(notice).toBeVisible({ timeout: 15_000 })
    await expect(table.getByRole('rowheader')).toHaveCount(count)
    sim.faults.clear()
    await notice.getByRole('button', { name: 'Retry' }).click()
    await expect(notice).toBeHidden({ timeout: 15_000 })
  })
})

// The account-wide screens and a connection's tabs read one store per resource: a change made in one shows in the
// other at once. The other view's list request is made to fail first, so only the store can have shown the change.
test.describe('One store per resource', () => {
  const section = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click()

  test('a proxy created on a connection’s tab is on the Proxies screen without a refresh', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    const total = sim.state.proxies.size
    await section(page, 'Proxies')
    await expect(page.getByText(`${total} of ${total} proxy accesses`)).toBeVisible()
    sim.faults.set([{ path: '/proxy-access', method: 'GET', fault: { kind: 'status', status: 503 } }])

    await section(page, 'Connections')
    await openTab(page, 'Proxies')
    await page.getByRole('button', { name: 'Add proxy' }).click()
    const dialog = page.getByRole('dialog', { name: 'New proxy' })
    await dialog.getByLabel('Description').fill('made on the tab')
    await dialog.getByRole('button', { name: 'Create proxy' }).click()
    await expect(dialog).toBeHidden()

    await section(page, 'Proxies')
    await expect(page.getByText(`${total + 1} of ${total + 1} proxy accesses`)).toBeVisible()
    await page.getByRole('searchbox', { name: 'Search proxies' }).fill('made on the tab')
    const row = page.getByRole('grid', { name: 'Proxy accesses' }).getByRole('row').filter({ hasText: 'made on the tab' })
    await expect(row.getByRole('rowheader')).toHaveText(CONN)
    await expect(page.getByRole('alert').filter({ hasText: 'Could not refresh' })).toHaveCount(0)
  })

  test('a VPN access deleted on the VPN screen is gone from its connection’s tab without a refresh', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    const target = [...sim.state.vpns.values()].find((v) => v.name === 'Laptop VPN')!
    const owner = sim.state.connections.get(target.connectionId)!.name
    const kept = [...sim.state.vpns.values()].filter((v) => v.connectionId === target.connectionId && v.id !== target.id)
    await openTab(page, 'VPN', owner)
    const tab = page.getByRole('grid', { name: 'OpenVPN accesses' })
    await expect(tab.getByRole('rowheader', { name: 'Laptop VPN' })).toBeVisible()
    sim.faults.set([{ path: '/connections/*/ovpn-access', method: 'GET', fault: { kind: 'status', status: 503 } }])

    await section(page, 'VPN')
    await page.getByRole('button', { name: 'Delete Laptop VPN' }).click()
    await page.getByRole('dialog', { name: 'Delete VPN access “Laptop VPN”?' }).getByRole('button', { name: 'Delete VPN access' }).click()
    await expect(page.getByRole('grid', { name: 'OpenVPN accesses' }).getByRole('rowheader', { name: 'Laptop VPN' })).toBeHidden()
    expect(sim.state.vpns.has(target.id)).toBe(false)

    await section(page, 'Connections')
    await openTab(page, 'VPN', owner)
    await expect(tab.getByRole('rowheader', { name: 'Laptop VPN' })).toHaveCount(0)
    for (const vpn of kept) await expect(tab.getByRole('rowheader', { name: vpn.name, exact: true })).toBeVisible()
    await expect(page.getByRole('alert').filter({ hasText: 'Could not refresh' })).toHaveCount(0)
  })
})

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots of the Proxies, VPN, Statistics and Action links tabs in the ${scheme} theme`, async ({ app }) => {
    test.setTimeout(90_000)
    const { page } = app
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1280, height: 900 })
    mkdirSync(SCREENS_DIR, { recursive: true })
    await openTab(page, 'Proxies')
    await expect(page.getByRole('grid', { name: 'Proxies of this connection' })).toBeVisible()
    await page.screenshot({ path: resolve(SCREENS_DIR, `connection-proxies-${scheme}.png`) })
    await page.getByRole('tab', { name: 'VPN', exact: true }).click()
    await expect(page.getByRole('grid', { name: 'OpenVPN accesses' })).toBeVisible()
    await page.screenshot({ path: resolve(SCREENS_DIR, `connection-vpn-${scheme}.png`) })
    await page.getByRole('tab', { name: 'Statistics', exact: true }).click()
    await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible()
    await expect(page.getByTestId('ip-distinct')).toBeVisible()
    await page.screenshot({ path: resolve(SCREENS_DIR, `connection-stats-${scheme}.png`) })
    await page.getByRole('tab', { name: 'Action links', exact: true }).click()
    await expect(page.getByRole('grid', { name: 'Action links' })).toBeVisible({ timeout: 15_000 })
    await page.screenshot({ path: resolve(SCREENS_DIR, `connection-actionlinks-${scheme}.png`) })
  })
}

/**
 * The connection detail view against the demo simulator: the frame (header, tabs, back) and the Overview,
 * Settings, SMS and Team tabs, each action with its visible outcome and the simulator's state after it.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import type { AppHarness } from './harness/fixtures'
import { expect, skipWithoutChromium, test } from './harness/fixtures'
import { SCREENS_DIR } from './harness/paths'

skipWithoutChromium()
test.use({ demoMode: true })

type Sim = Awaited<ReturnType<AppHarness['simulator']>>

function connectionNamed(sim: Sim, name: string) {
  const conn = [...sim.state.connections.values()].find((c) => c.name === name)
  if (!conn) throw new Error(`no demo connection named ${name}`)
  return conn
}

/** Opens a connection's detail the way a person does: its name in the Connections list. */
async function openDetail(page: Page, name: string, tab?: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click()
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible()
  if (tab) await page.getByRole('tab', { name: tab, exact: true }).click()
}

const tabPanel = (page: Page) => page.getByRole('tabpanel')

test.describe('frame', () => {
  test('shows the name and status, a keyboard-driven tab list, and goes back to the list', async ({ app }) => {
    const { page } = app
    await openDetail(page, 'Moscow MTS 01')
    await expect(page.getByTestId('detail-status')).toHaveText('Status: Online')
    const tabs = page.getByRole('tablist', { name: 'Connection sections' }).getByRole('tab')
    await expect(tabs).toHaveText(['Overview', 'Settings', 'Proxies', 'VPN', 'Statistics', 'History', 'Action links', 'SMS', 'Team'])
    const overview = page.getByRole('tab', { name: 'Overview' })
    await expect(overview).toHaveAttribute('aria-selected', 'true')
    await overview.focus()
    await page.keyboard.press('ArrowRight')
    await expect(page.getByRole('tab', { name: 'Settings' })).toBeFocused()
    await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true')
    await expect(tabPanel(page).getByRole('group', { name: 'IP rotation' })).toBeVisible()
    await page.keyboard.press('End')
    await expect(page.getByRole('tab', { name: 'Team' })).toHaveAttribute('aria-selected', 'true')
    await page.getByRole('button', { name: /Back to connections/ }).click()
    await expect(page.getByRole('tablist')).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Moscow MTS 01', exact: true })).toBeVisible()
  })

  test('a failed load says why with a retry, then shows the connection once the API answers', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    await expect(page.getByRole('button', { name: 'Berlin Telekom', exact: true })).toBeVisible()
    sim.faults.set([{ path: '/connections/*', method: 'GET', fault: { kind: 'status', status: 503 } }])
    await page.getByRole('button', { name: 'Berlin Telekom', exact: true }).click()
    const notice = page.getByRole('alert').filter({ hasText: 'Could not refresh' }).first()
    await expect(notice).toContainText('Service unavailable')
    sim.faults.clear()
    await notice.getByRole('button', { name: 'Retry' }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Berlin Telekom' })).toBeVisible()
    await expect(page.getByRole('alert').filter({ hasText: 'Could not refresh' })).toHaveCount(0)
  })
})

test.describe('overview', () => {
  test('renames and edits the description; a failed save keeps what was typed and says why', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    await openDetail(page, 'Moscow Tele2 02')
    await expect(tabPanel(page).getByText('Manufacturer')).toBeVisible()
    await page.getByRole('button', { name: 'Edit name and description' }).click()
    const form = page.getByRole('form', { name: 'Edit name and description' })
    await form.getByLabel('Name').fill('')
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(form.getByLabel('Name')).toHaveAccessibleDescription('Must be 1–256 characters.')

    sim.faults.set([{ path: '/connections/*/update-basic-info', fault: { kind: 'status', status: 500 } }])
    await form.getByLabel('Name').fill('Moscow Tele2 (spare)')
    await form.getByLabel('Description').fill('Spare phone for client B')
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(form.getByRole('alert')).toContainText('Internal server error')
    await expect(form.getByLabel('Name')).toHaveValue('Moscow Tele2 (spare)')
    await expect(form.getByLabel('Description')).toHaveValue('Spare phone for client B')

    sim.faults.clear()
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Name and description saved.' })).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: 'Moscow Tele2 (spare)' })).toBeVisible()
    await expect(page.getByTestId('detail-description')).toHaveText('Spare phone for client B')
    const conn = connectionNamed(sim, 'Moscow Tele2 (spare)')
    expect(conn.description).toBe('Spare phone for client B')
  })

  test('changes the plan with a coupon and prolongs it, confirming each payment first', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    const balanceBefore = sim.state.account.balanceCents
    await openDetail(page, 'New York T-Mobile')
    const change = page.getByRole('form', { name: 'Change plan' })
    await change.getByRole('button', { name: 'Change plan…' }).click()
    await expect(change.getByLabel('New plan ID')).toHaveAccessibleDescription(/Required\./)
    await change.getByLabel('New plan ID').fill('pro-90')
    await change.getByLabel('Coupon code (optional)').fill('HALF')
    await change.getByRole('button', { name: 'Change plan…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Change the plan to pro-90?' })
    await expect(dialog).toContainText('paid in full from your account balance')
    await expect(dialog).toContainText('Coupon HALF will be tried')
    // What is paid for, and the balance it is paid from (the account's, from GET /me).
    await expect(dialog).toContainText('Paid for: the connection')
    await expect(dialog).toContainText(/Your account balance: \d+(\.\d+)?\./)
    await dialog.getByRole('button', { name: 'Change and pay' }).click()
    const result = page.getByTestId('plan-result')
    await expect(result).toContainText('Plan changed to pro-90')
    await expect(result).toContainText('Coupon HALF applied.')
    await expect(page.getByTestId('plan-id')).toHaveText('pro-90')
    expect(connectionNamed(sim, 'New York T-Mobile').plan?.catalogId).toBe('pro-90')
    expect(sim.state.account.balanceCents).toBe(balanceBefore - 2550)

    // Prolonging by a length the plan does not divide: the server's error lands on the Days field.
    const prolong = page.getByRole('form', { name: 'Prolong plan' })
    await prolong.getByLabel('Days').fill('45')
    await prolong.getByRole('button', { name: 'Prolong…' }).click()
    await page.getByRole('dialog', { name: 'Prolong the plan by 45 days?' }).getByRole('button', { name: 'Prolong and pay' }).click()
    await expect(prolong.getByLabel('Days')).toHaveAccessibleDescription(/multiple of the plan's 90 days/)

    const expiresBefore = connectionNamed(sim, 'New York T-Mobile').plan?.expiresAt ?? 0
    await prolong.getByLabel('Days').fill('90')
    await prolong.getByLabel('Coupon code (optional)').fill('NOPE')
    await prolong.getByRole('button', { name: 'Prolong…' }).click()
    const confirm = page.getByRole('dialog', { name: 'Prolong the plan by 90 days?' })
    await expect(confirm).toContainText('prolonged by 90 days, paid from your account balance')
    await confirm.getByRole('button', { name: 'Prolong and pay' }).click()
    await expect(result).toContainText('Plan prolonged')
    await expect(result).toContainText('Coupon NOPE was not applied.')
    expect(connectionNamed(sim, 'New York T-Mobile').plan?.expiresAt).toBe(expiresBefore + 90 * 24 * 3600 * 1000)
  })

  test('sends commands and shows each outcome; reboot asks first; a failure is shown on its command', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    await openDetail(page, 'London EE')
    const conn = connectionNamed(sim, 'London EE')
    const ipBefore = conn.ip?.ipv4
    const outcomes = page.getByRole('list', { name: 'Command outcomes' })

    await page.getByRole('button', { name: 'Change IP', exact: true }).click()
    await expect(outcomes).toContainText('Change IP: sent to the phone.')
    expect(conn.ip?.ipv4).not.toBe(ipBefore)

    await page.getByRole('button', { name: 'Turn proxy off' }).click()
    await expect(outcomes).toContainText('Turn proxy off: sent to the phone.')
    expect(conn.proxyEnabled).toBe(false)
    await page.getByRole('button', { name: 'Turn proxy on' }).click()
    await expect(outcomes).toContainText('Turn proxy on: sent to the phone.')
    expect(conn.proxyEnabled).toBe(true)

    for (const command of ['Refresh', 'Refresh fingerprint', 'Fix LTE', 'Find device', 'Debug report', 'Upgrade app', 'Speed test']) {
      await tabPanel(page).getByRole('button', { name: command, exact: true }).click()
      await expect(outcomes.getByRole('listitem').first()).toHaveText(new RegExp(`^${command}: sent to the phone\\.`))
    }

    await page.getByRole('button', { name: 'Reboot', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Reboot the phone?' })
    await expect(dialog).toContainText('proxies stop for a minute or two')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    expect(conn.status).toBe('online')
    await page.getByRole('button', { name: 'Reboot', exact: true }).click()
    const ipChanges = conn.ipChanges.length
    await page.getByRole('dialog', { name: 'Reboot the phone?' }).getByRole('button', { name: 'Reboot' }).click()
    await expect(outcomes).toContainText('Reboot: sent to the phone.')
    // The simulated phone goes offline and comes back with a new IP, as after a real reboot.
    await expect.poll(() => conn.ipChanges.length, { timeout: 10_000 }).toBe(ipChanges + 1)

    sim.faults.set([{ path: '/connection/*/command-push', fault: { kind: 'status', status: 502 } }])
    await tabPanel(page).getByRole('button', { name: 'Speed test', exact: true }).click()
    await expect(outcomes.getByRole('listitem').first()).toHaveText(/^Speed test failed: .*Bad gateway/)
  })

  test('a new PIN code and a new connection API key are shown once, selected, with Copy', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    await openDetail(page, 'Berlin Telekom')
    await page.getByRole('button', { name: 'New PIN code' }).click()
    const pin = page.getByRole('textbox', { name: 'PIN code' })
    await expect(pin).toHaveValue(/^\d{6}$/)
    await expect(pin).toHaveAttribute('readonly', '')
    await page.getByRole('button', { name: 'Copy PIN code' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Copied.' })).toBeVisible()
    // Main put exactly the PIN on the clipboard.
    expect(app.desktop.clipboard).toEqual([await pin.inputValue()])

    const conn = connectionNamed(sim, 'Berlin Telekom')
    const keyBefore = conn.apiKey
    await page.getByRole('button', { name: 'New connection API key' }).click()
    const dialog = page.getByRole('dialog', { name: 'Issue a new connection API key?' })
    await expect(dialog).toContainText('the current one stops working at once')
    await dialog.getByRole('button', { name: 'Issue new key' }).click()
    const key = page.getByRole('textbox', { name: 'Connection API key' })
    await expect(key).not.toHaveValue('')
    expect(conn.apiKey).not.toBe(keyBefore)
    await expect(key).toHaveValue(conn.apiKey)
    await expect(key).toHaveAccessibleDescription(/Shown only now/)
    // Shown once: leaving the tab and coming back shows no key.
    await page.getByRole('tab', { name: 'SMS' }).click()
    await page.getByRole('tab', { name: 'Overview' }).click()
    await expect(page.getByRole('textbox', { name: 'Connection API key' })).toHaveCount(0)
  })

  test('a connection without an active plan is deleted with a reason, after confirming', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    const id = connectionNamed(sim, 'Kazan MTS (old)').id
    await openDetail(page, 'Kazan MTS (old)')
    // Collapsed until asked for.
    await expect(page.getByRole('form', { name: 'Delete connection…' })).toBeHidden()
    await page.getByText('Delete or recreate').click()
    await expect(tabPanel(page)).toContainText('This connection has no active plan, so it can be deleted.')
    await expect(page.getByRole('button', { name: 'Recreate connection…' })).toHaveCount(0)
    const form = page.getByRole('form', { name: 'Delete connection…' })
    await form.getByRole('button', { name: 'Delete connection…' }).click()
    await expect(form.getByRole('alert')).toHaveText('Pick a reason or describe it.')
    await expect(form.getByRole('radio')).toHaveCount(6)
    await form.getByRole('radio', { name: 'Other reason' }).check()
    await form.getByLabel('Describe the reason').fill('duplicate of Kazan MTS 2')
    await form.getByRole('button', { name: 'Delete connection…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete “Kazan MTS (old)”?' })
    await expect(dialog).toContainText('deleted for good')
    await dialog.getByRole('button', { name: 'Delete' }).click()
    await expect(page.getByRole('tablist')).toHaveCount(0)
    expect(sim.state.connections.has(id)).toBe(false)
    await expect(page.getByRole('button', { name: 'Kazan MTS (old)', exact: true })).toHaveCount(0)
  })

  test('a connection with an active plan is recreated instead, and the new one opens', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    const old = connectionNamed(sim, 'Warsaw Play')
    const oldPlan = old.plan
    await openDetail(page, 'Warsaw Play')
    await page.getByText('Delete or recreate').click()
    await expect(tabPanel(page)).toContainText('so it cannot be deleted. Recreate it instead')
    await expect(page.getByRole('button', { name: 'Delete connection…' })).toHaveCount(0)
    const form = page.getByRole('form', { name: 'Recreate connection…' })
    await expect(form.getByLabel('Server ID')).toHaveValue(old.serverId)
    await form.getByLabel('Name of the new connection').fill('Warsaw Play (new phone)')
    await form.getByRole('button', { name: 'Recreate connection…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Recreate “Warsaw Play”?' })
    await expect(dialog).toContainText(`created on server ${old.serverId}`)
    await dialog.getByRole('button', { name: 'Recreate' }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Warsaw Play (new phone)' })).toBeVisible()
    expect(sim.state.connections.has(old.id)).toBe(false)
    expect(connectionNamed(sim, 'Warsaw Play (new phone)').plan?.expiresAt).toBe(oldPlan?.expiresAt)
  })
})

test.describe('settings', () => {
  test('every field has its help; out-of-range values are refused inline; only changed fields are sent', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    await openDetail(page, 'Moscow MTS 01', 'Settings')
    const form = page.getByRole('form', { name: 'Connection settings' })
    for (const group of ['IP rotation', 'Unique IP', 'Reboots and network recovery', 'Wi-Fi', 'Payments and notifications', 'DNS', 'Fingerprint', 'Integrations']) {
      await expect(form.getByRole('group', { name: group })).toBeVisible()
    }
    const interval = form.getByLabel('Minimum time between IP changes, min')
    await expect(interval).toHaveValue('30')
    await expect(interval).toHaveAccessibleDescription(/Minimum time between IP changes \(0–1439 min/)

    await interval.fill('5000')
    await interval.blur()
    await expect(interval).toHaveAccessibleDescription(/Must be a whole number from 0 to 1439/)
    const requestsBefore = app.bridgeResults.length
    await form.getByRole('button', { name: 'Save changes' }).click()
    await expect(form.getByRole('alert').filter({ hasText: 'Some fields need fixing' })).toBeVisible()
    expect(app.bridgeResults.length).toBe(requestsBefore)

    const dns = form.getByLabel('DNS servers')
    await dns.fill('1.1.1.1, not-an-ip')
    await dns.blur()
    await expect(dns).toHaveAccessibleDescription(/Each entry must be an IP address/)
    await dns.fill('1.1.1.1, 8.8.8.8')

    // Something else changes the connection's DNS meanwhile: sending only changed fields leaves it alone.
    const conn = connectionNamed(sim, 'Moscow MTS 01')
    conn.settings = { ...conn.settings, dns: ['9.9.9.9'] }
    await interval.fill('45')
    await form.getByLabel('Telegram alert on status change').uncheck()
    await expect(page.getByTestId('settings-changed')).toHaveText('Changed: Telegram alert on status change, Minimum time between IP changes, min')
    await form.getByRole('button', { name: 'Save changes' }).click()
    await expect(form.getByRole('status')).toHaveText('Saved: Telegram alert on status change, Minimum time between IP changes, min.')
    expect(conn.settings.ip_change_interval_minutes).toBe(45)
    expect(conn.settings.telegram_status_notification_enabled).toBe(false)
    expect(conn.settings.dns).toEqual(['9.9.9.9'])
  })

  test('a failed save keeps every edit on screen and says why, and saves them on the next try', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    await openDetail(page, 'Berlin Telekom', 'Settings')
    const form = page.getByRole('form', { name: 'Connection settings' })
    sim.faults.set([{ path: '/connections/*/update-settings', fault: { kind: 'status', status: 500 } }])
    await form.getByLabel('Low battery reboot threshold, %').fill('20')
    await form.getByLabel('Scheduled reboot (cron)').fill('0 4 * * *')
    await form.getByLabel('TCP fingerprint').selectOption('MacOS')
    await form.getByRole('button', { name: 'Save changes' }).click()
    await expect(form.getByRole('alert')).toContainText('Internal server error')
    await expect(form.getByLabel('Low battery reboot threshold, %')).toHaveValue('20')
    await expect(form.getByLabel('Scheduled reboot (cron)')).toHaveValue('0 4 * * *')
    await expect(form.getByLabel('TCP fingerprint')).toHaveValue('MacOS')
    const conn = connectionNamed(sim, 'Berlin Telekom')
    expect(conn.settings.low_battery_reboot_threshold).toBe(15)

    sim.faults.clear()
    await form.getByRole('button', { name: 'Save changes' }).click()
    await expect(form.getByRole('status')).toContainText('Saved:')
    expect(conn.settings).toMatchObject({ low_battery_reboot_threshold: 20, reboot_cron_string: '0 4 * * *', tcp_fingerprint: 'MacOS' })
  })
})

test.describe('SMS', () => {
  test('lists the last 100 newest first, searches them, and keeps them when a refresh fails', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    await openDetail(page, 'Moscow MTS 01', 'SMS')
    const table = page.getByRole('table', { name: 'Messages, newest first' })
    // Paged, 20 a page: the tab stays bounded (100 rows made it 3,600 px tall).
    await expect(table.getByRole('row')).toHaveCount(21)
    await expect(page.getByText('Showing 100 of 100')).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'SMS pages' })).toContainText('1–20 of 100')
    expect((await tabPanel(page).boundingBox())?.height).toBeLessThan(2_000)
    const newest = sim.state.sms.get(connectionNamed(sim, 'Moscow MTS 01').id)?.[0]
    await expect(table.getByRole('row').nth(1)).toContainText(newest?.message ?? 'missing')
    const times = await table.locator('tbody time').evaluateAll((els) => els.map((el) => Date.parse(el.getAttribute('datetime') ?? '')))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    await expect(table.locator('tbody time').first()).toHaveAttribute('title', /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\)?$/)
    // A message with a code has a button that copies just the code.
    const copyCode = table.getByRole('button', { name: /^Copy code \d{4,8}$/ }).first()
    await expect(copyCode).toBeVisible()
    const code = (await copyCode.textContent())?.replace(/\D/g, '')
    await copyCode.click()
    await expect(table.getByRole('status').filter({ hasText: 'Copied.' })).toBeVisible()
    expect(app.desktop.clipboard.at(-1)).toBe(code)

    await page.getByLabel('Search messages').fill('telegram code')
    const matching = (sim.state.sms.get(connectionNamed(sim, 'Moscow MTS 01').id) ?? []).filter((m) => m.message.toLowerCase().includes('telegram code'))
    await expect(table.getByRole('row')).toHaveCount(Math.min(20, matching.length) + 1)
    await page.getByLabel('Search messages').fill('zzz-nothing')
    await expect(page.getByText('No message matches “zzz-nothing”.')).toBeVisible()
    await page.getByLabel('Search messages').fill('')

    sim.faults.set([{ path: '/connections/*/sms-history', fault: { kind: 'status', status: 503 } }])
    await tabPanel(page).getByRole('button', { name: 'Refresh' }).click()
    const notice = page.getByRole('alert').filter({ hasText: 'Could not refresh' })
    await expect(notice).toContainText('Service unavailable')
    await expect(table.getByRole('row')).toHaveCount(21)
    sim.faults.clear()
    await notice.getByRole('button', { name: 'Retry' }).click()
    await expect(notice).toHaveCount(0)
  })
})

test.describe('team', () => {
  test('adds a person with a group of permissions, changes and removes them', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    await openDetail(page, 'Moscow MTS 01', 'Team')
    const conn = connectionNamed(sim, 'Moscow MTS 01')
    const table = page.getByRole('table', { name: 'People with access' })
    await expect(table.getByRole('rowheader', { name: 'ops@iproxy-desktop.example' })).toBeVisible()

    await page.getByRole('button', { name: 'Add a person…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Give someone access' })
    await expect(dialog.getByRole('checkbox')).toHaveCount(43 + 8)
    await dialog.getByLabel('Email').fill('not-an-email')
    await dialog.getByRole('button', { name: 'Give access' }).click()
    await expect(dialog.getByLabel('Email')).toHaveAccessibleDescription('Must be an email address such as name@example.com.')
    await dialog.getByLabel('Email').fill('Helper@Example.com')
    await dialog.getByRole('checkbox', { name: 'All: Proxies' }).check()
    await expect(dialog.getByRole('checkbox', { name: 'Remove proxies' })).toBeChecked()
    await dialog.getByRole('checkbox', { name: 'Reboot the device' }).check()
    await expect(dialog.getByRole('checkbox', { name: 'All: Device and reboots' })).not.toBeChecked()
    await dialog.getByRole('button', { name: 'Give access' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Access given to helper@example.com.' })).toBeVisible()
    const granted = conn.sharedUsers.get('helper@example.com')
    expect(granted).toMatchObject({ proxy_view: true, proxy_create: true, proxy_edit: true, proxy_remove: true, reboot_device: true, sms_control: false })
    await expect(table.getByRole('row', { name: /helper@example.com/ })).toContainText('5 of 43')

    await page.getByRole('button', { name: 'Change access of ops@iproxy-desktop.example' }).click()
    const edit = page.getByRole('dialog', { name: 'Change access of ops@iproxy-desktop.example' })
    await expect(edit.getByRole('checkbox', { name: 'Reboot the device' })).toBeChecked()
    await edit.getByRole('checkbox', { name: 'Reboot the device' }).uncheck()
    await edit.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Access of ops@iproxy-desktop.example changed.' })).toBeVisible()
    expect(conn.sharedUsers.get('ops@iproxy-desktop.example')?.reboot_device).toBe(false)

    await page.getByRole('button', { name: 'Remove ops@iproxy-desktop.example' }).click()
    const confirm = page.getByRole('dialog', { name: 'Remove ops@iproxy-desktop.example?' })
    await expect(confirm).toContainText('loses access to this connection at once')
    await confirm.getByRole('button', { name: 'Remove access' }).click()
    await expect(table.getByRole('rowheader', { name: 'ops@iproxy-desktop.example' })).toHaveCount(0)
    expect(conn.sharedUsers.has('ops@iproxy-desktop.example')).toBe(false)
  })

  test('a failed change keeps the dialog and its choices, with the reason', async ({ app }) => {
    const { page } = app
    const sim = await app.simulator()
    await openDetail(page, 'New York T-Mobile', 'Team')
    sim.faults.set([{ path: '/connections/*/team-access/modify', fault: { kind: 'status', status: 500 } }])
    await page.getByRole('button', { name: 'Change access of client@iproxy-desktop.example' }).click()
    const edit = page.getByRole('dialog', { name: 'Change access of client@iproxy-desktop.example' })
    await edit.getByRole('checkbox', { name: 'All: VPN' }).check()
    await edit.getByRole('button', { name: 'Save' }).click()
    await expect(edit.getByRole('alert')).toContainText('Internal server error')
    await expect(edit.getByRole('checkbox', { name: 'Create VPN access' })).toBeChecked()
    expect(connectionNamed(sim, 'New York T-Mobile').sharedUsers.get('client@iproxy-desktop.example')?.open_vpn_create).toBe(false)
  })
})

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots of the overview, settings, SMS and team tabs in the ${scheme} theme`, async ({ app }) => {
    const { page } = app
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1280, height: 900 })
    mkdirSync(SCREENS_DIR, { recursive: true })
    await openDetail(page, 'Moscow MTS 01')
    const shots = [
      { tab: 'Overview', name: 'overview', ready: page.getByRole('heading', { name: 'Commands' }) },
      { tab: 'Settings', name: 'settings', ready: page.getByRole('form', { name: 'Connection settings' }) },
      { tab: 'SMS', name: 'sms', ready: page.getByRole('table', { name: 'Messages, newest first' }) },
      { tab: 'Team', name: 'team', ready: page.getByRole('table', { name: 'People with access' }) },
    ]
    for (const shot of shots) {
      await page.getByRole('tab', { name: shot.tab, exact: true }).click()
      await expect(shot.ready).toBeVisible()
      await page.screenshot({ path: resolve(SCREENS_DIR, `connection-${shot.name}-${scheme}.png`) })
    }
  })
}

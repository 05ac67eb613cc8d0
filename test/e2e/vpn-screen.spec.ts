/**
 * The VPN section: every OpenVPN access of the account with its connection, multi-select and download of the
 * selected .ovpn files, rename / expiry / delete, failures injected through the demo simulator's faults, and a
 * screenshot in both themes.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, skipWithoutChromium, test } from './harness/fixtures'
import { SCREENS_DIR } from './harness/paths'

skipWithoutChromium()
test.use({ demoMode: true })

async function openVpn(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'VPN', exact: true }).click()
}

test('lists every OpenVPN access with its connection; the selected ones download as .ovpn files', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openVpn(page)
  const table = page.getByRole('grid', { name: 'OpenVPN accesses' })
  await expect(table.getByRole('rowheader')).toHaveCount(sim.state.vpns.size)
  const [first, second] = [...sim.state.vpns.values()]
  const firstConn = sim.state.connections.get(first!.connectionId)!
  await expect(table.getByRole('row').filter({ hasText: first!.name }).first()).toContainText(firstConn.name)

  await expect(page.getByText('Selected: 0')).toBeVisible()
  await page.getByRole('checkbox', { name: `Select ${first!.name}` }).first().check()
  await page.getByRole('checkbox', { name: `Select ${second!.name}` }).last().check()
  await expect(page.getByText('Selected: 2')).toBeVisible()

  const folder = mkdtempSync(join(tmpdir(), 'iproxy-e2e-ovpn-'))
  try {
    app.desktop.nextFolder = folder
    await page.getByRole('button', { name: /Download 2 \.ovpn files/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Download 2 OpenVPN files' })
    await dialog.getByRole('button', { name: /folder/i }).click()
    await expect(dialog.getByRole('status')).toBeVisible({ timeout: 15_000 })
    await expect.poll(() => readdirSync(folder).filter((f) => f.endsWith('.ovpn')).length).toBe(2)
    const file = readdirSync(folder).find((f) => f.endsWith('.ovpn'))!
    expect(readFileSync(join(folder, file), 'utf8')).toContain('client')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(dialog).toBeHidden()
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }

  // Select all, then none.
  await page.getByRole('checkbox', { name: 'Select all VPN accesses' }).check()
  await expect(page.getByText(`Selected: ${sim.state.vpns.size}`)).toBeVisible()
  await page.getByRole('checkbox', { name: 'Select all VPN accesses' }).uncheck()
  await expect(page.getByText('Selected: 0')).toBeVisible()
  expect(existsSync(folder)).toBe(false)
})

test('renames and deletes an access from the account-wide list', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openVpn(page)
  const table = page.getByRole('grid', { name: 'OpenVPN accesses' })
  await expect(table.getByRole('rowheader')).toHaveCount(sim.state.vpns.size)
  const target = [...sim.state.vpns.values()].find((v) => v.name === 'Laptop VPN')!
  await page.getByRole('button', { name: 'Rename Laptop VPN' }).click()
  const rename = page.getByRole('dialog', { name: 'Rename “Laptop VPN”' })
  await rename.getByLabel('Name').fill('')
  await rename.getByRole('button', { name: 'Save' }).click()
  await expect(rename.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true')
  await rename.getByLabel('Name').fill('Travel laptop')
  await rename.getByRole('button', { name: 'Save' }).click()
  await expect(table.getByRole('rowheader', { name: 'Travel laptop' })).toBeVisible()
  expect(sim.state.vpns.get(target.id)?.name).toBe('Travel laptop')

  await page.getByRole('button', { name: 'Delete Travel laptop' }).click()
  const confirm = page.getByRole('dialog', { name: 'Delete VPN access “Travel laptop”?' })
  await expect(confirm).toContainText('disconnected')
  await confirm.getByRole('button', { name: 'Delete VPN access' }).click()
  await expect(table.getByRole('rowheader', { name: 'Travel laptop' })).toBeHidden()
  expect(sim.state.vpns.has(target.id)).toBe(false)
})

test('a failed refresh keeps the list with a notice and a retry', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openVpn(page)
  const table = page.getByRole('grid', { name: 'OpenVPN accesses' })
  await expect(table.getByRole('rowheader')).toHaveCount(sim.state.vpns.size)
  sim.faults.set([{ path: '/ovpn-access', fault: { kind: 'status', status: 503 } }])
  await page.getByRole('button', { name: 'Refresh VPN accesses' }).click()
  const notice = page.getByRole('alert').filter({ hasText: 'Could not refresh' })
  await expect(notice).toBeVisible({ timeout: 15_000 })
  await expect(table.getByRole('rowheader')).toHaveCount(sim.state.vpns.size)
  sim.faults.clear()
  await notice.getByRole('button', { name: 'Retry' }).click()
  await expect(notice).toBeHidden({ timeout: 15_000 })
})

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshot of the VPN screen in the ${scheme} theme`, async ({ app }) => {
    const { page } = app
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1280, height: 800 })
    await openVpn(page)
    await expect(page.getByRole('grid', { name: 'OpenVPN accesses' }).getByRole('rowheader').first()).toBeVisible()
    mkdirSync(SCREENS_DIR, { recursive: true })
    await page.screenshot({ path: resolve(SCREENS_DIR, `vpn-${scheme}.png`) })
  })
}

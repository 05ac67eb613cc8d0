/**
 * The Action links section: every link of the account with its connection; create (choosing the connection),
 * run (a reboot asks first), delete after confirming, failures injected through the demo simulator's faults,
 * and a screenshot in both themes.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, skipWithoutChromium, test } from './harness/fixtures'
import { SCREENS_DIR } from './harness/paths'

skipWithoutChromium()
test.use({ demoMode: true })

async function openLinks(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Action links', exact: true }).click()
}

test('lists every link with its connection and URL; creates one for a chosen connection and deletes it', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openLinks(page)
  const table = page.getByRole('grid', { name: 'Action links' })
  const total = sim.state.actionLinks.size
  await expect(table.getByRole('rowheader')).toHaveCount(total)
  const berlin = [...sim.state.connections.values()].find((c) => c.name === 'Berlin Telekom')!

  await page.getByRole('button', { name: 'Add action link' }).click()
  const dialog = page.getByRole('dialog', { name: 'New action link' })
  await expect(dialog).toContainText('without your API key')
  await dialog.getByLabel('Connection').selectOption({ label: 'Berlin Telekom' })
  await dialog.getByLabel('Action').selectOption('reboot')
  await dialog.getByLabel('Comment').fill('night shift')
  await dialog.getByRole('button', { name: 'Create link' }).click()
  await expect(dialog).toBeHidden()
  await expect(table.getByRole('rowheader')).toHaveCount(total + 1)
  const created = [...sim.state.actionLinks.values()].find((l) => l.comment === 'night shift')!
  expect(created.connectionId).toBe(berlin.id)
  const row = table.getByRole('row').filter({ hasText: 'night shift' })
  await expect(row).toContainText('Berlin Telekom')
  await expect(row.getByRole('textbox', { name: 'URL of Reboot (night shift)' })).toHaveValue(new RegExp(`/actionlinks/do/reboot/${created.id}$`))
  await row.getByRole('button', { name: 'Copy URL of Reboot (night shift)' }).click()
  await expect(row.getByRole('status')).toHaveText('Copied.')
  expect(app.desktop.clipboard.at(-1)).toMatch(new RegExp(`/actionlinks/do/reboot/${created.id}$`))
  await expect(row.locator('time')).toHaveAttribute('title', /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\)?$/)

  await page.getByRole('button', { name: 'Delete Reboot (night shift)' }).click()
  await page.getByRole('dialog', { name: 'Delete the “Reboot” link?' }).getByRole('button', { name: 'Delete link' }).click()
  await expect(table.getByRole('rowheader')).toHaveCount(total)
  expect(sim.state.actionLinks.has(created.id)).toBe(false)
})

test('runs a change-IP link at once and asks before a reboot', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openLinks(page)
  const table = page.getByRole('grid', { name: 'Action links' })
  await expect(table.getByRole('rowheader').first()).toBeVisible()
  const link = [...sim.state.actionLinks.values()].find((l) => l.action === 'changeip')!
  const conn = sim.state.connections.get(link.connectionId)!
  const changes = conn.ipChanges.length
  await page.getByRole('button', { name: `Run Change IP (${link.comment})` }).click()
  await expect(page.getByRole('status')).toContainText('Change IP: the command was sent')
  expect(conn.ipChanges.length).toBe(changes + 1)

  const reboot = [...sim.state.actionLinks.values()].find((l) => l.action === 'reboot')!
  await page.getByRole('button', { name: `Run Reboot (${reboot.comment})` }).click()
  const confirm = page.getByRole('dialog', { name: 'Reboot the phone now?' })
  await expect(confirm).toContainText('The phone restarts')
  await confirm.getByRole('button', { name: 'Reboot' }).click()
  await expect(confirm).toBeHidden()
  await expect(page.getByRole('status')).toContainText('Reboot: the command was sent')
})

test('failures: a failed create keeps the form; a failed refresh keeps the list with a retry', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openLinks(page)
  const table = page.getByRole('grid', { name: 'Action links' })
  const total = sim.state.actionLinks.size
  await expect(table.getByRole('rowheader')).toHaveCount(total)

  sim.faults.set([{ path: '/connections/*/actionlinks', method: 'POST', fault: { kind: 'status', status: 500 } }])
  await page.getByRole('button', { name: 'Add action link' }).click()
  const dialog = page.getByRole('dialog', { name: 'New action link' })
  await dialog.getByLabel('Comment').fill('will fail first')
  await dialog.getByRole('button', { name: 'Create link' }).click()
  await expect(dialog.getByRole('alert')).toBeVisible({ timeout: 15_000 })
  await expect(dialog.getByLabel('Comment')).toHaveValue('will fail first')
  await dialog.getByRole('button', { name: 'Cancel' }).click()

  sim.faults.set([{ path: '/actionlinks', fault: { kind: 'status', status: 502 } }])
  await page.getByRole('button', { name: 'Refresh action links' }).click()
  const notice = page.getByRole('alert').filter({ hasText: 'Could not refresh' })
  await expect(notice).toBeVisible({ timeout: 15_000 })
  await expect(table.getByRole('rowheader')).toHaveCount(total)
  sim.faults.clear()
  await notice.getByRole('button', { name: 'Retry' }).click()
  await expect(notice).toBeHidden({ timeout: 15_000 })
})

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshot of the Action links screen in the ${scheme} theme`, async ({ app }) => {
    const { page } = app
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1280, height: 800 })
    await openLinks(page)
    await expect(page.getByRole('grid', { name: 'Action links' }).getByRole('rowheader').first()).toBeVisible()
    mkdirSync(SCREENS_DIR, { recursive: true })
    await page.screenshot({ path: resolve(SCREENS_DIR, `action-links-${scheme}.png`) })
  })
}

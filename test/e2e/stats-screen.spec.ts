/**
 * The Statistics section: pick a connection, then the same charts as the connection's tab; a failure injected
 * through the demo simulator's faults keeps the last statistics on screen; a screenshot in both themes.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, skipWithoutChromium, test } from './harness/fixtures'
import { SCREENS_DIR } from './harness/paths'

skipWithoutChromium()
test.use({ demoMode: true })
test.describe.configure({ timeout: 90_000 })

async function openStats(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Statistics', exact: true }).click()
}

test('shows the first connection, then the picked one: traffic, ports, uptime and IP history', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openStats(page)
  const picker = page.getByLabel('Connection')
  await expect(picker.locator('option')).toHaveCount(sim.state.connections.size)
  await expect(page.getByTestId('stats-total-in')).toHaveText(/\d.* (KB|MB|GB|TB)$/)
  await expect(page.getByTestId('uptime-summary')).toContainText(/Up \d+(\.\d)?% of 16\d hours/)

  // A phone that is offline: its uptime shows outages; the numbers change with the connection.
  const before = await page.getByTestId('stats-total-in').textContent()
  await picker.selectOption({ label: 'London EE' })
  await expect(page.getByTestId('stats-total-in')).not.toHaveText(before!)
  await expect(page.getByRole('table', { name: 'Traffic by port' }).getByRole('rowheader').first()).toBeVisible()
  await expect(page.getByTestId('ip-distinct')).toContainText(/Distinct IPs: \d+/)
  await expect(page.locator('.recharts-area-area').first()).toBeVisible()
  await page.getByLabel('Last 30 days').check()
  await expect(page.getByTestId('uptime-summary')).toContainText(/of 7\d\d hours/)
  // Paged: 50 records a page, and the page stays bounded however long the history is (it was 5,000 px tall).
  const ipTable = page.getByRole('table', { name: 'IP history' })
  await expect(ipTable.getByRole('row')).toHaveCount(51)
  const pager = page.getByRole('navigation', { name: 'IP history pages' })
  await expect(pager).toContainText(/^Previous1–50 of \d+Next$/)
  const firstTime = await ipTable.getByRole('row').nth(1).textContent()
  await pager.getByRole('button', { name: 'Next' }).click()
  await expect(pager).toContainText(/51–100 of/)
  await expect(ipTable.getByRole('row').nth(1)).not.toHaveText(firstTime!)
  // The whole statistics panel, whatever scrolls it (a 600-row table made it over 5,000 px).
  expect((await page.locator('.stats-panel').boundingBox())?.height).toBeLessThan(3_500)
})

test('a failed load keeps the last statistics on screen with a retry', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openStats(page)
  await expect(page.getByTestId('uptime-summary')).toBeVisible()
  const totalIn = await page.getByTestId('stats-total-in').textContent()
  sim.faults.set([{ path: '/connections/*/traffic/by-day', fault: { kind: 'status', status: 500 } }])
  await page.getByRole('button', { name: 'Refresh statistics' }).click()
  const notice = page.getByRole('alert').filter({ hasText: 'Could not refresh' })
  await expect(notice).toBeVisible({ timeout: 15_000 })
  await expect(page.getByTestId('stats-total-in')).toHaveText(totalIn!)
  sim.faults.clear()
  await notice.getByRole('button', { name: 'Retry' }).click()
  await expect(notice).toBeHidden({ timeout: 15_000 })
  await expect(page.getByTestId('stats-total-in')).toBeVisible()
})

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshot of the Statistics screen in the ${scheme} theme`, async ({ app }) => {
    const { page } = app
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1280, height: 900 })
    await openStats(page)
    await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible()
    await expect(page.getByTestId('ip-distinct')).toBeVisible()
    mkdirSync(SCREENS_DIR, { recursive: true })
    await page.screenshot({ path: resolve(SCREENS_DIR, `stats-${scheme}.png`) })
  })
}

/**
 * axe-core (Deque's @axe-core/playwright) over every screen and the main dialogs, in the light and the dark theme:
 * no serious or critical violation (issue 18, accessibility). A failure lists each rule with the elements it hit.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, skipWithoutChromium, test } from './harness/fixtures'

skipWithoutChromium()
test.use({ demoMode: true })

const SECTIONS = ['Connections', 'Proxies', 'VPN', 'Statistics', 'Action links', 'Health checks', 'History', 'Activity', 'Alerts', 'Exports', 'Account', 'Profiles', 'Help']

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`)
}

async function show(page: Page, section: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section, exact: true }).click()
  await expect(page.getByRole('banner').getByRole('heading', { level: 1 })).toHaveText(section)
  // Let the screen's first load settle (its loading line goes away).
  await expect(page.getByRole('main').getByText('Loading…')).toHaveCount(0, { timeout: 15_000 })
}

async function start(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme })
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(page.getByRole('grid', { name: 'Connections' })).toBeVisible()
}

for (const theme of ['light', 'dark'] as const) {
  for (const section of SECTIONS) {
    test(`${section} has no serious or critical axe violation (${theme})`, async ({ app }) => {
      test.setTimeout(90_000)
      await start(app.page, theme)
      await show(app.page, section)
      expect(await seriousViolations(app.page, section)).toEqual([])
    })
  }

  test(`the New connection dialog and a connection's tabs have no serious or critical axe violation (${theme})`, async ({ app }) => {
    // Nine tabs, each analysed: generous, as axe runs slowly on a loaded machine.
    test.setTimeout(300_000)
    const { page } = app
    await start(page, theme)
    const found: string[] = []
    await page.getByRole('button', { name: 'New connection' }).click()
    await expect(page.getByRole('dialog', { name: 'New connection' })).toBeVisible()
    found.push(...(await seriousViolations(page, 'New connection dialog')))
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Moscow MTS 01', exact: true }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Moscow MTS 01' })).toBeVisible()
    for (const tab of await page.getByRole('tab').allTextContents()) {
      await page.getByRole('tab', { name: tab, exact: true }).click()
      await expect(page.getByRole('tabpanel').getByText('Loading…')).toHaveCount(0, { timeout: 15_000 })
      found.push(...(await seriousViolations(page, `Connection detail, ${tab}`)))
    }
    expect(found).toEqual([])
  })
}

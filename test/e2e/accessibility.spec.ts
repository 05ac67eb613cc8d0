/**
 * axe-core (Deque's, run in the page by harness/axe.ts) over every screen and the main dialogs, in the light and the dark theme:
 * no serious or critical violation (issue 18, accessibility). A failure lists each rule with the elements it hit.
 */
import type { Page } from '@playwright/test'
import { axeViolations } from './harness/axe'
import { expect, skipWithoutChromium, test } from './harness/fixtures'

skipWithoutChromium()
test.use({ demoMode: true })

const SECTIONS = ['Connections', 'Proxies', 'VPN', 'Statistics', 'Action links', 'Health checks', 'History', 'Activity', 'Alerts', 'Exports', 'Account', 'Profiles', 'Help']

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  return (await axeViolations(page))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}: ${v.targets.slice(0, 5).join(' | ')}`)
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
  // One page walks every section: starting the app is most of a screen's cost, and the failure names the section.
  test(`every section has no serious or critical axe violation (${theme})`, async ({ app }) => {
    test.setTimeout(150_000)
    await start(app.page, theme)
    const found: string[] = []
    for (const section of SECTIONS) {
      await show(app.page, section)
      found.push(...(await seriousViolations(app.page, section)))
    }
    expect(found).toEqual([])
  })

  test(`the New connection dialog and a connection's tabs have no serious or critical axe violation (${theme})`, async ({ app }) => {
    // Ten analyses (a dialog and nine tabs): generous for a loaded machine.
    test.setTimeout(150_000)
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

test('the check itself finds a violation: a button with no name is reported', async ({ app }) => {
  // Guards the runner in harness/axe.ts: were it to come back empty whatever the page, every test above would pass.
  await start(app.page, 'light')
  await app.page.evaluate(() => document.querySelector('main')?.append(document.createElement('button')))
  expect((await seriousViolations(app.page, 'Connections')).join('\n')).toContain('button-name (critical)')
})

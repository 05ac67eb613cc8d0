/** Demo mode: the embedded simulator inside main, used through the same profile path as a real account. */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { demoAccount } from '../../src/main/demo/demo-data'
import { expect, skipWithoutChromium, test } from './harness/fixtures'
import { SCREENS_DIR } from './harness/paths'

skipWithoutChromium()

const demo = demoAccount('unused')

test('"Try the demo" on first run opens a working demo account, labelled Demo', async ({ app }) => {
  const { page } = app
  await page.getByRole('button', { name: 'Try the demo' }).click()
  await expect(page.getByRole('banner').getByText('Demo', { exact: true })).toBeVisible()
  await expect(page.getByLabel('Active profile').locator('option:checked')).toHaveText('Demo (Demo)')
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Account', exact: true }).click()
  await expect(page.getByText(demo.email)).toBeVisible()
  await expect(page.getByTestId('account-balance')).toHaveText((demo.balanceCents / 100).toFixed(2))
  // Nothing about the demo is written to disk: its key belongs to the simulator and dies with the app.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Profiles', exact: true }).click()
  await expect(page.getByRole('rowheader', { name: /Demo/ })).toBeVisible()
})

test.describe('started with --demo', () => {
  test.use({ demoMode: true })

  test('opens straight into the demo account', async ({ app }) => {
    const { page } = app
    await expect(page.getByRole('banner').getByText('Demo', { exact: true })).toBeVisible()
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Account', exact: true }).click()
    await expect(page.getByText(demo.email)).toBeVisible()
    await expect(page.getByTestId('account-balance')).toHaveText((demo.balanceCents / 100).toFixed(2))
  })
})

test.describe('screens of the demo account', () => {
  test.use({ demoMode: true })

  for (const scheme of ['light', 'dark'] as const) {
    test(`Account and Profiles screenshots in the ${scheme} theme`, async ({ app }) => {
      const { page } = app
      await page.emulateMedia({ colorScheme: scheme })
      await page.setViewportSize({ width: 1280, height: 800 })
      const nav = page.getByRole('navigation', { name: 'Sections' })
      await nav.getByRole('button', { name: 'Account', exact: true }).click()
      await expect(page.getByTestId('account-balance')).toHaveText((demo.balanceCents / 100).toFixed(2))
      mkdirSync(SCREENS_DIR, { recursive: true })
      await page.screenshot({ path: resolve(SCREENS_DIR, `account-${scheme}.png`) })
      await nav.getByRole('button', { name: 'Profiles', exact: true }).click()
      await expect(page.getByRole('rowheader', { name: /Demo/ })).toBeVisible()
      await page.screenshot({ path: resolve(SCREENS_DIR, `profiles-${scheme}.png`) })
    })
  }
})

/** Demo mode: the embedded simulator inside main, used through the same profile path as a real account. */
import { demoAccount } from '../../src/main/demo/demo-data'
import { expect, skipWithoutChromium, test } from './harness/fixtures'

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

/**
 * Help (issue 17, point 13): reached from the sidebar by keyboard; "Open log folder" asks main to open the data
 * folder's logs; "Copy diagnostics" copies versions, the data folder and recent errors, and no secret. And the
 * notice a page shows after main reloaded it from a crash (point 16).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { updateStore } from '../../src/main/update/store'
import type { FaultRule } from '../../src/main/demo'
import { DRIFT_FAULT_RULES } from '../../src/main/demo/drift-fault'
import { expect, harnessAppInfo, skipWithoutChromium, test } from './harness/fixtures'

skipWithoutChromium()
test.use({ demoMode: true })

test('Help is reachable by keyboard; it opens the log folder and copies diagnostics without secrets', async ({ app }) => {
  const { page } = app
  const info = harnessAppInfo(true)
  const nav = page.getByRole('navigation', { name: 'Sections' })
  await nav.getByRole('button', { name: 'Profiles', exact: true }).focus()
  await page.keyboard.press('Tab')
  await expect(nav.getByRole('button', { name: 'Help', exact: true })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('banner').getByRole('heading', { level: 1 })).toHaveText('Help')
  await expect(page.getByTestId('help-about')).toHaveText(`${info.name} ${info.version} on ${info.platform}`)

  const open = page.getByRole('button', { name: 'Open log folder' })
  await open.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status')).toHaveText('The log folder was opened in your file manager.')
  expect(app.desktop.openedPaths).toEqual([join(app.userDataDir, 'logs')])

  // (test/unit/main/diagnostics.test.ts feeds secrets of every form through the log; here, the demo's own key.)
  const sim = await app.simulator()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Copy diagnostics' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status')).toHaveText('Diagnostics copied to the clipboard.')
  const copied = app.desktop.clipboard.at(-1)!
  expect(copied).toContain(`${info.name} ${info.version} (demo)`)
  expect(copied).toContain(`Data folder: ${app.userDataDir}`)
  expect(copied).toMatch(/Electron: -, Chrome: -, Node: \d+\.\d+\.\d+/)
  expect(copied).not.toContain(sim.apiKey)
  await expect(page.getByRole('generic', { name: 'What was copied' }).or(page.locator('pre[aria-labelledby]'))).toContainText('Data folder:')
})

test('after a crash main reloads the page with ?recovered=: the page says so, in English and Russian', async ({ app }) => {
  const { page } = app
  await page.goto(`${app.pageUrl}?recovered=crashed`)
  const notice = page.getByRole('alert').filter({ hasText: 'The window stopped unexpectedly and was reloaded.' })
  await expect(notice).toBeVisible()
  await notice.getByRole('button', { name: 'Dismiss' }).click()
  await expect(notice).toHaveCount(0)

  await page.evaluate(() => localStorage.setItem('iproxy.language', 'ru'))
  await page.goto(`${app.pageUrl}?recovered=killed`)
  await expect(page.getByRole('alert').filter({ hasText: 'Окно неожиданно остановилось и было перезагружено.' })).toBeVisible()

  await page.goto(app.pageUrl)
  await expect(page.getByRole('navigation', { name: 'Разделы' })).toBeVisible()
  await expect(page.getByText('Окно неожиданно остановилось')).toHaveCount(0)
})

test('Check the API: a clean verdict as documented, then each difference of a drifted service, in English and Russian; the diagnostics carry it', async ({ app }) => {
  const { page } = app
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Help', exact: true }).click()
  await expect(page.getByTestId('help-details')).toContainText(`Data folder${app.userDataDir}`)
  await expect(page.getByTestId('help-details')).toContainText('Electronnot in this window')

  const check = page.getByRole('button', { name: 'Check the API' })
  await check.click()
  await expect(page.getByTestId('api-check-verdict')).toHaveText('Verdict: the API answered as documented at every endpoint read (16).')
  await expect(page.getByRole('region', { name: 'Differences from the documentation' })).toHaveCount(0)

  const sim = await app.simulator()
  sim.faults.set(DRIFT_FAULT_RULES as unknown as FaultRule[])
  await check.click()
  await expect(page.getByTestId('api-check-verdict')).toHaveText(
    'Verdict: differences from the documentation: 5, at 3 of 16 endpoints; the app cannot read the answer at 2 of them.',
  )
  const table = page.getByRole('region', { name: 'Differences from the documentation' }).getByRole('table')
  await expect(table.getByRole('row')).toHaveCount(6)
  await expect(table.getByRole('row', { name: /loyalty_tier/ })).toContainText('A field the documentation does not mention')
  await expect(table.getByRole('row', { name: /proxy_accesses\[\]\.port/ })).toContainText('A different type (the app cannot read this answer)')
  await expect(table.getByRole('row', { name: /online_status/ })).toContainText('sleeping')

  await page.getByRole('button', { name: 'Copy diagnostics' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Diagnostics copied' })).toBeVisible()
  expect(app.desktop.clipboard.at(-1)).toContain('GET /me loyalty_tier: a field the docs do not mention')
  sim.faults.clear()

  await page.evaluate(() => localStorage.setItem('iproxy.language', 'ru'))
  await page.reload()
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('button', { name: 'Справка', exact: true }).click()
  await page.getByRole('button', { name: 'Проверить API' }).click()
  await expect(page.getByTestId('api-check-verdict')).toHaveText('Итог: API ответил по документации во всех прочитанных точках (16).')
})

test('updates: the channel and "only notify" are saved; the banner shows an available version with its notes, then "Restart to update"', async ({ app }) => {
  const { page } = app
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Help', exact: true }).click()
  await page.getByLabel('Channel').selectOption('beta')
  await expect(page.getByRole('status').filter({ hasText: 'Update settings saved.' })).toBeVisible()
  await page.getByRole('checkbox', { name: 'Only tell me about a new version; download nothing until I ask' }).check()
  await expect.poll(() => JSON.parse(readFileSync(join(app.userDataDir, 'update-settings.json'), 'utf8'))).toEqual({ channel: 'beta', onlyNotify: true })
  await expect(page.getByTestId('update-banner')).toHaveCount(0)

  try {
    // The shell's updater writes the same store (main/update/shell-updater.ts); here the test plays its part.
    updateStore.dispatch({ type: 'update-available', version: '9.9.0', releaseNotes: 'Faster proxy lists.' })
    await page.reload()
    const banner = page.getByRole('region', { name: 'App update' })
    await expect(banner.getByRole('status')).toHaveText('iProxy Desktop 9.9.0 is available.')
    await banner.getByText('What is new').click()
    await expect(banner).toContainText('Faster proxy lists.')
    await expect(banner.getByRole('button', { name: 'Download' })).toBeVisible()

    updateStore.dispatch({ type: 'download-progress', transferred: 40, total: 100 })
    await page.evaluate(() => window.dispatchEvent(new Event('focus')))
    await expect(banner.getByRole('status')).toHaveText('Downloading iProxy Desktop 9.9.0: 40 %')
    updateStore.dispatch({ type: 'update-downloaded', version: '9.9.0' })
    await page.evaluate(() => window.dispatchEvent(new Event('focus')))
    await expect(banner.getByRole('status')).toHaveText('iProxy Desktop 9.9.0 is downloaded and ready.')
    await expect(banner.getByRole('button', { name: 'Restart to update' })).toBeVisible()
    await banner.getByRole('button', { name: 'Later' }).click()
    await expect(banner).toHaveCount(0)
  } finally {
    // Back to idle, so no other test of this worker sees a banner.
    for (const event of [{ type: 'error', message: 'reset' }, { type: 'check-started' }, { type: 'update-not-available', at: '' }] as const) updateStore.dispatch(event)
  }
})

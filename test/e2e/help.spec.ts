/**
 * Help (issue 17, point 13): reached from the sidebar by keyboard; "Open log folder" asks main to open the data
 * folder's logs; "Copy diagnostics" copies versions, the data folder and recent errors, and no secret.
 */
import { join } from 'node:path'
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


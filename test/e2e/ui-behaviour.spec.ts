/**
 * Issue 18, points 4, 5, 6 and 13, as a user meets them: a detail view must not recolour the list; one readable
 * refresh banner; dialogs that keep focus and close with Escape; keyboard shortcuts and the in-app theme.
 */
import type { Page } from '@playwright/test'
import { expect, skipWithoutChromium, test } from './harness/fixtures'

skipWithoutChromium()
test.use({ demoMode: true })

const grid = (page: Page) => page.getByRole('grid', { name: 'Connections' })
const statusOf = (page: Page, name: string) =>
  grid(page).getByRole('row').filter({ has: page.getByRole('button', { name, exact: true }) }).locator('.status')
/** The status's text colour and its dot's colour, as computed. */
const colour = (page: Page, name: string) =>
  statusOf(page, name).evaluate((el) => `${getComputedStyle(el).color} / ${getComputedStyle(el.querySelector('.status-dot')!).backgroundColor}`)

test('opening a connection does not recolour the list: "No data" keeps its colour, unlike "Offline"', async ({ app }) => {
  const { page } = app
  await expect(statusOf(page, 'Bangkok AIS (setting up)')).toContainText('No data')
  const before = { noData: await colour(page, 'Bangkok AIS (setting up)'), offline: await colour(page, 'Kazan MTS (old)') }
  await page.getByRole('button', { name: 'Moscow MTS 01', exact: true }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Moscow MTS 01' })).toBeVisible()
  await page.getByRole('button', { name: /Back to connections/ }).click()
  await expect(statusOf(page, 'Bangkok AIS (setting up)')).toContainText('No data')
  const after = { noData: await colour(page, 'Bangkok AIS (setting up)'), offline: await colour(page, 'Kazan MTS (old)') }
  expect(after).toEqual(before)
  expect(after.noData).not.toBe(after.offline)
})

test('three lists failing for one reason show one banner, the reason once, no ".;" and no trailing dash', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await expect(grid(page)).toBeVisible()
  sim.faults.set([{ path: '**', fault: { kind: 'status', status: 500 } }])
  await page.getByRole('button', { name: 'Refresh', exact: true }).click()
  const banner = page.getByRole('alert').filter({ hasText: 'Could not refresh:' })
  await expect(banner).toHaveCount(1, { timeout: 20_000 })
  const text = (await banner.locator('p').innerText()).trim()
  expect(text.match(/The iProxy server had a problem/g)).toHaveLength(1)
  expect(text).not.toMatch(/\.;|[—;:-]\s*$/)
  expect(text).toMatch(/try again in a moment\.$/)
  sim.faults.clear()
  await banner.getByRole('button', { name: 'Retry' }).click()
  await expect(banner).toHaveCount(0)
})

test('a dialog keeps focus: Tab cycles inside, the page behind is inert, Escape closes, focus returns to the opener', async ({ app }) => {
  const { page } = app
  await expect(grid(page)).toBeVisible()
  const opener = page.getByRole('button', { name: 'New connection' })
  await opener.click()
  const dialog = page.getByRole('dialog', { name: 'New connection' })
  await expect(dialog).toBeVisible()
  const inside = () => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'))
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab')
    expect(await inside()).toBe(true)
  }
  // A click outside (the backdrop) neither closes it nor lets focus out; the list behind cannot be clicked.
  await page.mouse.click(5, 5)
  await expect(dialog).toBeVisible()
  expect(await inside()).toBe(true)
  const listButton = page.getByRole('button', { name: 'Moscow MTS 01', exact: true, includeHidden: true })
  const box = (await listButton.boundingBox())!
  // Whatever is under the pointer over the list is the modal's backdrop, not the list.
  expect(await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.tagName, [box.x + box.width / 2, box.y + box.height / 2])).toBe('DIALOG')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(opener).toBeFocused()
  await expect(page.getByRole('button', { name: 'Moscow MTS 01', exact: true })).toBeVisible()
})

test('Ctrl+F focuses the search, F5 and Ctrl+R refresh the screen without reloading the page', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await expect(grid(page)).toBeVisible()
  await page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true))
  await page.keyboard.press('Control+f')
  await expect(page.getByRole('searchbox').first()).toBeFocused()
  await page.locator('body').click({ position: { x: 600, y: 5 } })
  const statusRow = statusOf(page, 'Moscow MTS 01')
  await expect(statusRow).toContainText('Online')
  const id = [...sim.state.connections.values()].find((c) => c.name === 'Moscow MTS 01')!.id
  sim.state.connections.get(id)!.status = 'offline'
  await page.keyboard.press('F5')
  await expect(statusRow).toContainText('Offline')
  sim.state.connections.get(id)!.status = 'online'
  await page.keyboard.press('Control+r')
  await expect(statusRow).toContainText('Online')
  expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true)
})

test('the theme chosen in the app wins over the system one and is remembered', async ({ app }) => {
  const { page } = app
  await page.emulateMedia({ colorScheme: 'light' })
  const luminance = () =>
    page.evaluate(() => {
      const [r = 0, g = 0, b = 0] = getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number)
      return (r + g + b) / 3
    })
  expect(await luminance()).toBeGreaterThan(200)
  await page.getByLabel('Theme').selectOption('dark')
  expect(await luminance()).toBeLessThan(80)
  await page.reload()
  await expect(page.getByLabel('Theme')).toHaveValue('dark')
  expect(await luminance()).toBeLessThan(80)
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.getByLabel('Theme').selectOption('light')
  expect(await luminance()).toBeGreaterThan(200)
  await page.getByLabel('Theme').selectOption('system')
  expect(await luminance()).toBeLessThan(80)
})

test('F5 refreshes the screen in view, not only Connections: the Proxies screen shows a change made elsewhere', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await expect(grid(page)).toBeVisible()
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Proxies', exact: true }).click()
  const proxies = page.getByRole('main').getByRole('grid')
  await expect(proxies.getByRole('row').nth(1)).toBeVisible()
  // The proxy in the first row (the list is virtualized and sorted: not every proxy is on screen).
  const firstRow = (await proxies.getByRole('row').nth(1).innerText()).replace(/\s+/g, ' ')
  const proxy = [...sim.state.proxies.values()].find((p) => firstRow.includes(`:${p.port} `) || firstRow.endsWith(`:${p.port}`))!
  expect(proxy).toBeDefined()
  proxy.description = 'changed on the website'
  await page.keyboard.press('F5')
  await expect(proxies.getByText('changed on the website')).toBeVisible()
})

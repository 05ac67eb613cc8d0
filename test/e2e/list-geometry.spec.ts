/**
 * Issue 18, points 1, 10 and 13: every virtualized list, after checks with failures, at 1280 and 900 px. Rows never
 * overlap, no cell's text is cut vertically, badges are whole, row buttons are in view, the lists this branch owns
 * do not scroll sideways, a failed check's whole text opens from its row; arrow keys walk a list past its first screen.
 */
import type { Locator, Page } from '@playwright/test'
import type { Simulator } from '../../src/main/demo'
import { HEALTH_STATUS_MESSAGES } from '../../src/shared/health'
import { expect, skipWithoutChromium, test } from './harness/fixtures'

skipWithoutChromium()
test.use({ demoMode: true })

const WIDTHS = [1280, 900] as const
const section = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click()

interface Geometry {
  rows: number
  overlaps: string[]
  clipped: string[]
  badgesCut: string[]
  buttonsOut: string[]
  buttonsCut: string[]
  sideways: number
}

/** Measures a grid as laid out: its rendered body rows, their cells, badges and buttons. */
function measure(grid: Locator): Promise<Geometry> {
  return grid.evaluate((el) => {
    const name = (e: Element) => (e.textContent ?? '').trim().slice(0, 60)
    const rows = [...el.querySelectorAll<HTMLElement>('.vgrid-body [role=row]')].map((row) => ({ row, box: row.getBoundingClientRect() })).sort((a, b) => a.box.top - b.box.top)
    const overlaps: string[] = []
    rows.forEach((a, i) => {
      const b = rows[i + 1]
      // Boxes of the same width, sorted by top: any two intersect only if neighbours do.
      if (b && a.box.bottom > b.box.top + 0.5) overlaps.push(`${name(a.row)} / ${name(b.row)}`)
    })
    const cells = rows.flatMap(({ row }) => [...row.querySelectorAll<HTMLElement>('[role=gridcell], [role=rowheader]')])
    const clipped = cells.filter((c) => c.scrollHeight > c.clientHeight + 1).map((c) => `${name(c)} (${c.scrollHeight} > ${c.clientHeight})`)
    const badgesCut = [...el.querySelectorAll<HTMLElement>('.vgrid-body .health-badge')]
      .filter((badge) => {
        const cell = badge.closest<HTMLElement>('[role=gridcell]')!.getBoundingClientRect()
        const box = badge.getBoundingClientRect()
        return box.top < cell.top - 0.5 || box.bottom > cell.bottom + 0.5 || box.left < cell.left - 0.5 || box.right > cell.right + 0.5 || badge.scrollWidth > badge.clientWidth + 1
      })
      .map(name)
    // A row's buttons: inside the window and inside the grid's visible width (not scrolled out to the right).
    const view = el.getBoundingClientRect()
    const right = Math.min(window.innerWidth, view.left + el.clientWidth)
    const buttonsOut = rows
      .flatMap(({ row }) => [...row.querySelectorAll<HTMLElement>('button')])
      .filter((b) => {
        const box = b.getBoundingClientRect()
        return box.width === 0 || box.left < view.left - 0.5 || box.right > right + 0.5
      })
      .map((b) => b.getAttribute('aria-label') ?? name(b))
    // A row action (Check, Copy, Edit, Delete…) whose text ends in an ellipsis: it keeps its name, but a reader sees "C…".
    const buttonsCut = rows
      .flatMap(({ row }) => [...row.querySelectorAll<HTMLElement>('.vgrid-actions button')])
      .filter((b) => b.scrollWidth > b.clientWidth + 1)
      .map((b) => b.getAttribute('aria-label') ?? name(b))
    return { rows: rows.length, overlaps, clipped, badgesCut, buttonsOut, buttonsCut, sideways: el.scrollWidth - el.clientWidth }
  })
}

/** The walk's assertions for one grid; `fits`: the grid's columns fit its width (the lists this branch lays out). */
async function expectSound(grid: Locator, where: string, fits: boolean): Promise<void> {
  await expect(grid).toBeVisible()
  // Measured again until the layout settles: a screen just shown at a new width sizes its columns in the next
  // frames, and a loaded machine once caught the Action links grid between two layouts. A list that stays wrong
  // still fails, with the last measurement.
  await expect(async () => {
    const g = await measure(grid)
    expect(g.rows, `${where}: rows rendered`).toBeGreaterThan(0)
    expect(g.overlaps, `${where}: rows overlapping`).toEqual([])
    expect(g.clipped, `${where}: cells cut vertically`).toEqual([])
    expect(g.badgesCut, `${where}: badges cut`).toEqual([])
    expect(g.buttonsOut, `${where}: row buttons out of view`).toEqual([])
    if (fits) expect(g.buttonsCut, `${where}: row buttons shortened`).toEqual([])
    if (fits) expect(g.sideways, `${where}: scrolls sideways by`).toBeLessThanOrEqual(1)
    if (fits) expect(await grid.page().evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${where}: the window scrolls sideways`).toBeLessThanOrEqual(0)
  }).toPass({ timeout: 5_000 })
}

/** Proxies of the demo account that can work, as pasted lines, and lines whose checks fail. */
function pastedLines(sim: Simulator): string[] {
  const good = [...sim.state.proxies.values()]
    .filter((p) => p.bound && p.authType === 'userpass' && p.aclIps.length === 0 && !p.expiresAt && sim.state.connections.get(p.connectionId)?.status === 'online')
    .slice(0, 3)
    .map((p) => `${p.listenService}://${p.login}:${p.password}@127.0.0.1:${p.port}`)
  const first = [...sim.state.proxies.values()].find((p) => p.bound && p.listenService === 'socks5')!
  return [
    ...good,
    // Refused (nothing listens on port 1), HTTP to a SOCKS5 port with a long login, and a line that cannot be read.
    'socks5://nobody:nothing@127.0.0.1:1',
    `http://${'a-very-long-login-name-that-goes-on-'.repeat(3)}:wrong@127.0.0.1:${first.port}`,
    'not a proxy line at all',
  ]
}

test('after checks with failures, every list keeps its rows apart, whole and in view at 1280 and 900 px', async ({ app }) => {
  test.slow()
  const { page } = app
  const sim = await app.simulator()
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(page.getByRole('banner').getByText('Demo', { exact: true })).toBeVisible()

  // Every account proxy checked (unbound, expired and allow-listed ones fail), then a pasted list with failures.
  await section(page, 'Health checks')
  const total = sim.state.proxies.size
  await page.getByRole('button', { name: `Check all account proxies (${total})` }).click()
  const all = page.getByRole('region', { name: `All account proxies (${total})` })
  await expect(all.getByRole('status')).toHaveText(new RegExp(`^${total} of ${total} checked — Finished`), { timeout: 60_000 })
  const lines = pastedLines(sim)
  await page.getByRole('button', { name: 'Check a pasted list' }).click()
  const dialog = page.getByRole('dialog', { name: 'Check a pasted list of proxies' })
  await dialog.getByLabel('Proxy lines').fill(lines.join('\n'))
  await dialog.getByRole('button', { name: 'Check these proxies' }).click()
  const pasted = page.getByRole('region', { name: `Pasted list (${lines.length - 1})` })
  await expect(pasted.getByRole('status')).toHaveText(/checked — Finished/, { timeout: 30_000 })
  const pastedGrid = pasted.getByRole('grid', { name: `Pasted list (${lines.length - 1})` })
  await expect(pastedGrid.getByRole('button', { name: /^Refused: details/ })).toBeVisible()

  // A failed check's whole text: cut in the row, in full in the details dialog opened from its badge.
  // (HTTP spoken to a SOCKS5 port: the proxy answers nonsense.)
  await pastedGrid.getByRole('button', { name: /^Proxy error: details/ }).click()
  const details = page.getByRole('dialog', { name: /^Check of http:\/\/a-very-long-login/ })
  await expect(details.getByText('Proxy error', { exact: true })).toBeVisible()
  // The status's meaning in words, and main's raw technical detail in full (the row has no room for it).
  await expect(details.getByRole('definition').filter({ hasText: /^Proxy error / })).toContainText(HEALTH_STATUS_MESSAGES.proxy_error)
  const technical = details.getByRole('term').filter({ hasText: 'Technical detail' }).locator('xpath=following-sibling::dd[1]')
  await expect(technical).toHaveText(/\S{3}/)
  await page.keyboard.press('Escape')
  await expect(details).toBeHidden()

  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 })
    await section(page, 'Health checks')
    await expectSound(pastedGrid, `Health, pasted list, ${width} px`, true)
    await expectSound(all.getByRole('grid'), `Health, all proxies, ${width} px`, true)

    await section(page, 'Proxies')
    await expectSound(page.getByRole('grid', { name: 'Proxy accesses' }), `Proxies screen, ${width} px`, true)

    // The account-wide VPN and action-link grids.
    await section(page, 'VPN')
    await expectSound(page.getByRole('grid', { name: 'OpenVPN accesses' }), `VPN screen, ${width} px`, true)
    await section(page, 'Action links')
    await expectSound(page.getByRole('grid', { name: 'Action links' }), `Action links screen, ${width} px`, true)

    await section(page, 'Connections')
    const connections = page.getByRole('grid', { name: 'Connections' })
    await expectSound(connections, `Connections, ${width} px`, false)

    await connections.getByRole('button', { name: 'Moscow MTS 01', exact: true }).click()
    await page.getByRole('tablist').getByRole('tab', { name: 'Proxies', exact: true }).click()
    const tab = page.getByRole('grid', { name: 'Proxies of this connection' })
    // Every row button, including the lazily loaded Check and Copy.
    await expect(tab.getByRole('button', { name: /^Copy proxy line/ }).first()).toBeVisible()
    await expect(tab.getByRole('button', { name: /^Check 127\.0\.0\.1/ }).first()).toBeVisible()
    await expectSound(tab, `Proxies tab, ${width} px`, true)
    await section(page, 'Connections')
  }
})

test('arrow keys move focus down the connections list past its first screen, and Home goes back to the top', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  // Forty more phones (copies of the demo's), so the list is longer than a screen.
  const base = [...sim.state.connections.values()]
  for (let i = 0; i < 40; i++) {
    const from = base[i % base.length]!
    const id = `extra${String(i).padStart(4, '0')}`
    sim.state.connections.set(id, { ...from, id, name: `Extra phone ${String(i + 1).padStart(2, '0')}`, sharedUsers: new Map() })
  }
  await page.setViewportSize({ width: 900, height: 700 })
  const grid = page.getByRole('grid', { name: 'Connections' })
  await page.getByRole('button', { name: 'Refresh', exact: true }).click()
  await expect(grid).toHaveAttribute('aria-rowcount', String(base.length + 40 + 1))

  const rendered = await grid.locator('.vgrid-body [role=row]').count()
  const first = grid.locator('.vgrid-body [role=row][aria-rowindex="2"]').getByRole('rowheader').getByRole('button')
  await first.focus()
  const presses = rendered + 10
  for (let i = 0; i < presses; i++) await page.keyboard.press('ArrowDown')
  // Focus is on the same column's button, in a row that was not rendered when the walk began.
  const focusedRow = () => page.evaluate(() => Number(document.activeElement?.closest('[role=row]')?.getAttribute('aria-rowindex')))
  await expect.poll(focusedRow).toBe(presses + 2)
  expect(await page.evaluate(() => document.activeElement?.closest('[role=rowheader]') !== null)).toBe(true)
  const box = await page.evaluate(() => {
    const row = document.activeElement!.closest('[role=row]')!.getBoundingClientRect()
    const grid = document.activeElement!.closest('[role=grid]')!.getBoundingClientRect()
    return { rowTop: row.top, rowBottom: row.bottom, gridTop: grid.top, gridBottom: grid.bottom }
  })
  expect(box.rowTop).toBeGreaterThanOrEqual(box.gridTop)
  expect(box.rowBottom).toBeLessThanOrEqual(box.gridBottom + 1)

  await page.keyboard.press('End')
  await expect.poll(focusedRow).toBe(base.length + 40 + 1)
  await page.keyboard.press('ArrowUp')
  await expect.poll(focusedRow).toBe(base.length + 40)
  await page.keyboard.press('Home')
  await expect.poll(focusedRow).toBe(2)
  await expect(first).toBeFocused()
})

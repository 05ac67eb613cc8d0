/**
 * Bulk runs from the fleet board (issue 22), against the demo simulator, main's bulk runner and the real history
 * database: select on the board, confirm (how many, which, what happens), watch each connection's result live,
 * retry only the failed ones, cancel a slow run (the calls in flight finish, the rest are cancelled), "everything
 * the filter shows", a settings value refused on its field before anything is sent, the run in the Activity
 * screen's audit trail with its steps and as CSV, the connection's History tab; axe in both themes; no English in Russian.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import type { Simulator } from '../../src/main/demo'
import { ru } from '../../src/renderer/src/i18n/ru'
import { axeViolations } from './harness/axe'
import { englishIn, englishPhrases } from './harness/english-leaks'
import { SCREENS_DIR } from './harness/paths'
import type { AppHarness } from './harness/fixtures'
import { expect, skipWithoutChromium, test } from './harness/fixtures'

skipWithoutChromium()
test.use({ demoMode: true })

const board = (page: Page) => page.getByRole('grid', { name: 'Connections' })
const bar = (page: Page) => page.getByRole('toolbar', { name: 'Actions on the selection' })
const results = (page: Page, action: string) => page.getByRole('region', { name: `Results of “${action}”` })
const resultRow = (page: Page, action: string, name: string) =>
  results(page, action).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) })
const idOf = (sim: Simulator, name: string) => [...sim.state.connections.values()].find((c) => c.name === name)!.id
const pushes = (sim: Simulator, name: string) => sim.control.apiRequestCount(`/connection/${idOf(sim, name)}/command-push`)

async function select(page: Page, names: readonly string[]): Promise<void> {
  await expect(board(page).getByRole('row')).toHaveCount(13)
  for (const name of names) await page.getByRole('checkbox', { name: `Select ${name}` }).check()
}

/** The channels the page called, from now on (the handler table every call of the page reaches). */
function recordCalls(app: AppHarness): string[] {
  const channels: string[] = []
  const handle = app.table.handle.bind(app.table)
  app.table.handle = (channel, sender, input) => {
    channels.push(channel)
    return handle(channel, sender, input)
  }
  return channels
}

test('reboot on a selection with one phone failing: confirm, each result live, then retry only the failed one', async ({ app }) => {
  test.setTimeout(90_000)
  const { page } = app
  const sim = await app.simulator()
  const names = ['Moscow MTS 01', 'Moscow Tele2 02', 'London EE']
  await select(page, names)
  await expect(bar(page).getByText('Selected: 3')).toBeVisible()
  sim.faults.set([{ path: `/connection/${idOf(sim, 'Moscow Tele2 02')}/command-push`, fault: { kind: 'status', status: 502, message: 'the phone did not answer' } }])

  // The confirmation says how many, which (in the board's order) and what happens; Cancel sends nothing.
  await bar(page).getByRole('button', { name: 'Reboot', exact: true }).click()
  let dialog = page.getByRole('dialog', { name: 'Reboot 3 phones?' })
  await expect(dialog).toContainText('Each phone restarts now')
  await expect(dialog).toContainText('Connections: London EE, Moscow MTS 01, Moscow Tele2 02')
  await expect(dialog).toContainText('At most 5 connections at a time')
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toHaveCount(0)
  expect(names.map((name) => pushes(sim, name))).toEqual([0, 0, 0])

  await bar(page).getByRole('button', { name: 'Reboot', exact: true }).click()
  dialog = page.getByRole('dialog', { name: 'Reboot 3 phones?' })
  await dialog.getByRole('button', { name: 'Reboot now' }).click()
  await expect(dialog).toHaveCount(0)
  const panel = results(page, 'Reboot')
  await expect(panel.getByRole('status')).toHaveText('Reboot: finished', { timeout: 30_000 })
  await expect(panel).toContainText('Done: 2 · failed: 1 · skipped: 0 · cancelled: 0 · to go: 0')
  await expect(resultRow(page, 'Reboot', 'Moscow MTS 01')).toContainText('Done')
  await expect(resultRow(page, 'Reboot', 'London EE')).toContainText('Done')
  const failed = resultRow(page, 'Reboot', 'Moscow Tele2 02')
  await expect(failed).toContainText('Failed')
  await expect(failed.getByRole('gridcell').last()).not.toBeEmpty()
  expect(sim.state.connections.get(idOf(sim, 'Moscow MTS 01'))!.status).toBe('offline')
  const before = names.map((name) => pushes(sim, name))

  // Only the failed one is sent again, as a run of its own.
  sim.faults.clear()
  await panel.getByRole('button', { name: 'Retry the failed one (1)' }).click()
  await expect(panel.getByRole('status')).toHaveText('Reboot: finished', { timeout: 30_000 })
  await expect(panel.getByRole('row').filter({ has: page.getByRole('rowheader') })).toHaveCount(1)
  await expect(resultRow(page, 'Reboot', 'Moscow Tele2 02')).toContainText('Done')
  await expect(panel.getByRole('button', { name: /^Retry the failed/ })).toHaveCount(0)
  const after = names.map((name) => pushes(sim, name))
  expect(after[0]).toBe(before[0])
  expect(after[2]).toBe(before[2])
  expect(after[1]).toBeGreaterThan(before[1]!)
  expect(sim.state.connections.get(idOf(sim, 'Moscow Tele2 02'))!.status).toBe('offline')

  await panel.getByRole('button', { name: 'Dismiss results' }).click()
  await expect(panel).toHaveCount(0)
})

test('the pace of bulk runs: a value out of range is refused on its field; a saved one is what the next run is capped at', async ({ app }) => {
  const { page } = app
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Rules', exact: true }).click()
  const pace = page.getByRole('region', { name: 'Pace of bulk actions and rules' })
  const atOnce = pace.getByLabel('Connections at a time')
  const gap = pace.getByLabel('Seconds between two actions on one phone')
  await expect(atOnce).toHaveValue('5')
  await expect(gap).toHaveValue('10')

  await atOnce.fill('51')
  await gap.fill('-1')
  await pace.getByRole('button', { name: 'Save' }).click()
  await expect(atOnce).toHaveAttribute('aria-invalid', 'true')
  await expect(gap).toHaveAttribute('aria-invalid', 'true')
  await expect(pace.getByText('At most 50', { exact: true })).toBeVisible()
  expect(existsSync(join(app.userDataDir, 'bulk-settings.json'))).toBe(false)

  await atOnce.fill('7')
  await gap.fill('30')
  await pace.getByRole('button', { name: 'Save' }).click()
  await expect(pace.getByRole('status')).toHaveText('Saved: 7 connections at a time, 30 s between two actions on one phone.')
  expect(JSON.parse(readFileSync(join(app.userDataDir, 'bulk-settings.json'), 'utf8'))).toMatchObject({ concurrency: 7, samePhoneGapSeconds: 30 })

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Connections', exact: true }).click()
  await select(page, ['Moscow MTS 01', 'London EE'])
  await bar(page).getByRole('button', { name: 'Reboot', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Reboot 2 phones?' })
  await expect(dialog).toContainText('At most 7 connections at a time')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
})

test('cancel a slow run: the calls in flight finish, the connections not started are cancelled and never sent', async ({ app }) => {
  test.setTimeout(90_000)
  const { page } = app
  const sim = await app.simulator()
  await expect(board(page).getByRole('row')).toHaveCount(13)
  await page.getByRole('checkbox', { name: 'Select all shown connections' }).check()
  const all = [...sim.state.connections.values()].map((c) => c.name)
  sim.faults.set([{ path: '/connection/*/command-push', fault: { kind: 'latency', ms: 4_000 } }])

  await bar(page).getByRole('button', { name: 'Change IP', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: `Change IP on ${all.length} connections?` })
  await expect(dialog).toContainText('and 7 more')
  await dialog.getByRole('button', { name: 'Start' }).click()
  const panel = results(page, 'Change IP')
  // Five at a time (the default cap): five calls in flight, the rest waiting their turn.
  await expect(panel.getByText('Running…')).toHaveCount(5, { timeout: 15_000 })
  await panel.getByRole('button', { name: 'Cancel the run' }).click()
  await expect(panel.getByRole('status')).toHaveText('Change IP: cancelled', { timeout: 30_000 })
  await expect(panel.getByRole('gridcell', { name: 'Cancelled', exact: true })).toHaveCount(all.length - 5)
  await expect(panel.getByRole('gridcell', { name: 'Running…' })).toHaveCount(0)
  await expect(panel).toContainText(`cancelled: ${all.length - 5} · to go: 0`)
  const sent = all.reduce((sum, name) => sum + pushes(sim, name), 0)
  expect(sent).toBe(5)
})

test('everything the filter shows: the run takes the connections the search leaves, not the selection', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await select(page, ['London EE'])
  await page.getByRole('searchbox', { name: 'Search connections' }).fill('moscow')
  await bar(page).getByRole('radio', { name: 'Everything the filter shows: 2 connections' }).check()
  await bar(page).getByRole('button', { name: 'Change IP', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Change IP on 2 connections?' })
  await expect(dialog).toContainText('Connections: Moscow MTS 01, Moscow Tele2 02')
  await dialog.getByRole('button', { name: 'Start' }).click()
  await expect(results(page, 'Change IP').getByRole('status')).toHaveText('Change IP: finished', { timeout: 30_000 })
  expect(['Moscow MTS 01', 'Moscow Tele2 02', 'London EE'].map((name) => pushes(sim, name))).toEqual([1, 1, 0])
})

test('apply settings: a bad value is refused on its field before anything is sent; a good one is set on each connection', async ({ app }) => {
  test.setTimeout(60_000)
  const { page } = app
  const sim = await app.simulator()
  await select(page, ['Berlin Telekom', 'London EE'])
  const calls = recordCalls(app)
  await bar(page).getByRole('button', { name: 'Apply settings…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Apply settings: 2 connections' })
  await dialog.getByRole('button', { name: 'Continue' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('Tick at least one setting to apply.')

  await dialog.getByRole('checkbox', { name: 'Set “Minimum time between IP changes, min”' }).check()
  const interval = dialog.getByLabel('Minimum time between IP changes, min', { exact: true })
  await interval.fill('5000')
  await dialog.getByRole('button', { name: 'Continue' }).click()
  await expect(interval).toHaveAttribute('aria-invalid', 'true')
  await expect(interval).toBeFocused()
  await expect(dialog.getByText('Must be a whole number from 0 to 1439 (0 disables).')).toBeVisible()
  await expect(dialog.getByText('Fix the marked settings first: nothing was sent.')).toBeVisible()
  expect(calls.filter((channel) => channel.startsWith('bulk.') || channel === 'connections.updateSettings')).toEqual([])

  await interval.fill('47')
  await dialog.getByRole('button', { name: 'Continue' }).click()
  await expect(dialog).toContainText('Minimum time between IP changes, min = 47')
  // Back keeps what was typed.
  await dialog.getByRole('button', { name: 'Back' }).click()
  await expect(interval).toHaveValue('47')
  await dialog.getByRole('button', { name: 'Continue' }).click()
  await dialog.getByRole('button', { name: 'Start' }).click()
  await expect(results(page, 'Apply settings').getByRole('status')).toHaveText('Apply settings: finished', { timeout: 30_000 })
  for (const name of ['Berlin Telekom', 'London EE']) expect(sim.state.connections.get(idOf(sim, name))!.settings.ip_change_interval_minutes).toBe(47)
  expect(sim.state.connections.get(idOf(sim, 'Moscow MTS 01'))!.settings.ip_change_interval_minutes).not.toBe(47)
})

test('the Activity screen lists the run with its steps and saves the audit trail as CSV; the History tab shows it too', async ({ app }) => {
  test.setTimeout(90_000)
  const { page } = app
  const sim = await app.simulator()
  await select(page, ['Berlin Telekom', 'Miami Verizon'])
  sim.faults.set([{ path: `/connection/${idOf(sim, 'Miami Verizon')}/command-push`, fault: { kind: 'status', status: 503, message: 'maintenance' } }])
  await bar(page).getByRole('button', { name: 'More commands' }).click()
  await page.getByRole('menu', { name: 'Commands to send' }).getByRole('menuitem', { name: 'Fix LTE' }).click()
  await page.getByRole('dialog', { name: 'Fix LTE: 2 connections' }).getByRole('button', { name: 'Start' }).click()
  await expect(results(page, 'Fix LTE').getByRole('status')).toHaveText('Fix LTE: finished', { timeout: 30_000 })

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Activity', exact: true }).click()
  const runs = page.getByRole('region', { name: 'Bulk runs and rule runs' })
  const entry = runs.getByRole('listitem').filter({ hasText: 'Bulk action “Fix LTE”, by you' })
  await expect(entry).toContainText('Partly done')
  await entry.getByRole('button', { name: /^2 steps/ }).click()
  await expect(entry.getByRole('button', { name: /^2 steps/ })).toHaveAttribute('aria-expanded', 'true')
  const steps = entry.getByRole('table', { name: /^Steps of/ })
  await expect(steps.getByRole('row').filter({ hasText: 'Berlin Telekom' })).toContainText('Done')
  await expect(steps.getByRole('row').filter({ hasText: 'Miami Verizon' })).toContainText('Failed')

  const dir = mkdtempSync(join(tmpdir(), 'iproxy-e2e-audit-'))
  try {
    app.desktop.nextSavePath = join(dir, 'audit.csv')
    await runs.getByRole('button', { name: 'Export CSV…' }).click()
    await expect(runs.getByRole('status').filter({ hasText: `to ${join(dir, 'audit.csv')}` })).toBeVisible()
    const csv = readFileSync(join(dir, 'audit.csv'), 'utf8')
    expect(csv.split(/\r?\n/)[0]).toMatch(/^run_id,/)
    expect(csv).toContain('Berlin Telekom')
    expect(csv).toContain('Miami Verizon')
    expect(csv).toContain('fix_lte')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }

  // The connection's History tab: the run that touched it, with its own step only.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Connections', exact: true }).click()
  await page.getByRole('button', { name: 'Miami Verizon', exact: true }).click()
  await page.getByRole('tablist').getByRole('tab', { name: 'History', exact: true }).click()
  const tabRuns = page.getByRole('region', { name: 'Bulk runs and rule runs on this connection' })
  const tabEntry = tabRuns.getByRole('listitem').filter({ hasText: 'Bulk action “Fix LTE”, by you' })
  await tabEntry.getByRole('button', { name: /^1 step/ }).click()
  await expect(tabEntry.getByRole('table')).toContainText('Failed')
  await expect(tabEntry.getByRole('table')).not.toContainText('Berlin Telekom')
})

for (const theme of ['light', 'dark'] as const) {
  test(`the bulk dialog, the settings form and the results have no serious or critical axe violation (${theme})`, async ({ app }) => {
    test.setTimeout(90_000)
    const { page } = app
    await page.emulateMedia({ colorScheme: theme })
    await page.setViewportSize({ width: 900, height: 800 })
    await select(page, ['Berlin Telekom', 'London EE'])
    const serious = async (where: string) =>
      (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${where}: ${v.id} ${v.help}: ${v.targets.join(' | ')}`)
    const found: string[] = []
    await bar(page).getByRole('button', { name: 'Apply settings…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Apply settings: 2 connections' })
    await dialog.getByRole('checkbox', { name: 'Set “Minimum time between IP changes, min”' }).check()
    await dialog.getByLabel('Minimum time between IP changes, min', { exact: true }).fill('x')
    await dialog.getByRole('button', { name: 'Continue' }).click()
    await expect(dialog.getByText('Fix the marked settings first: nothing was sent.')).toBeVisible()
    found.push(...(await serious('settings form')))
    mkdirSync(SCREENS_DIR, { recursive: true })
    await page.screenshot({ path: resolve(SCREENS_DIR, `bulk-settings-900-${theme}.png`) })
    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)

    await bar(page).getByRole('button', { name: 'Change IP', exact: true }).click()
    const confirm = page.getByRole('dialog', { name: 'Change IP on 2 connections?' })
    await expect(confirm).toContainText('Connections: Berlin Telekom, London EE')
    found.push(...(await serious('confirmation')))
    await confirm.getByRole('button', { name: 'Start' }).click()
    await expect(results(page, 'Change IP').getByRole('status')).toHaveText('Change IP: finished', { timeout: 30_000 })
    found.push(...(await serious('results')))
    await page.screenshot({ path: resolve(SCREENS_DIR, `bulk-results-900-${theme}.png`) })
    await bar(page).getByRole('button', { name: 'More commands' }).click()
    await expect(page.getByRole('menu', { name: 'Commands to send' })).toBeVisible()
    found.push(...(await serious('commands menu')))
    expect(found).toEqual([])
  })
}

test('in Russian, the bar, the settings form, the confirmation and the results show no English phrase', async ({ app }) => {
  test.setTimeout(60_000)
  const { page } = app
  const phrases = englishPhrases()
  const leaks = async (where: string) =>
    englishIn(
      await page.evaluate(() => [document.body.innerText, ...[...document.querySelectorAll('[aria-label], [title]')].map((el) => `${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('title') ?? ''}`)].join('\n')),
      phrases,
    ).map((found) => `${where}: ${found}`)
  await expect(board(page).getByRole('row')).toHaveCount(13)
  await page.getByLabel('Language').selectOption('ru')
  for (const name of ['Berlin Telekom', 'London EE']) await page.getByRole('checkbox', { name: `Выбрать ${name}` }).check()
  const ruBar = page.getByRole('toolbar', { name: ru.connections.bulk.label })
  const found: string[] = [...(await leaks('bar'))]
  await ruBar.getByRole('button', { name: ru.bulk.buttons.settings }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('button', { name: ru.bulk.confirm.next }).click()
  await expect(dialog.getByRole('alert')).toHaveText(ru.bulk.settings.noneChosen)
  found.push(...(await leaks('settings form')))
  await page.keyboard.press('Escape')
  await ruBar.getByRole('button', { name: ru.connections.bulk.changeIp, exact: true }).click()
  await expect(page.getByRole('dialog')).toContainText('Berlin Telekom, London EE')
  found.push(...(await leaks('confirmation')))
  await page.getByRole('dialog').getByRole('button', { name: ru.bulk.confirm.start }).click()
  await expect(page.getByRole('region', { name: 'Результаты «Сменить IP»' }).getByRole('status')).toHaveText('Сменить IP: завершено', { timeout: 30_000 })
  found.push(...(await leaks('results')))
  expect(found).toEqual([])
})

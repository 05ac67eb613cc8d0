/**
 * The Rules screen (issue 22), against the demo simulator, main's rules (rules.json in the harness's data folder)
 * and the fleet watch's history: a rule added from the example, a bad value refused on its field with nothing
 * saved, the steps reordered, removed and added, saved, switched on and off; a dry run over recorded watch events
 * as a table (run, or held back by the hourly limit); a rule run as it happens; axe in both themes; no English in
 * Russian.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import type { Simulator } from '../../src/main/demo'
import type { Rule } from '../../src/shared/rules'
import { ru } from '../../src/renderer/src/i18n/ru'
import { axeViolations } from './harness/axe'
import { englishIn, englishPhrases } from './harness/english-leaks'
import { SCREENS_DIR } from './harness/paths'
import type { AppHarness } from './harness/fixtures'
import { expect, skipWithoutChromium, test } from './harness/fixtures'

skipWithoutChromium()
test.use({ demoMode: true })

const EXAMPLE_NAME = 'Repair a phone offline for 5 minutes'
const idOf = (sim: Simulator, name: string) => [...sim.state.connections.values()].find((c) => c.name === name)!.id

async function showRules(page: Page): Promise<void> {
  await expect(page.getByRole('grid', { name: 'Connections' })).toBeVisible({ timeout: 30_000 })
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Rules', exact: true }).click()
  await expect(page.getByRole('banner').getByRole('heading', { level: 1 })).toHaveText('Rules')
}

/** The rules main keeps in the data folder (none until the first save). */
function storedRules(app: AppHarness): Rule[] {
  const file = join(app.userDataDir, 'rules.json')
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { rules: Rule[] }).rules : []
}

/** Watch events of this kind stored in the history, through the handler table the Activity screen reads. */
async function storedEvents(app: AppHarness, kind: string): Promise<number> {
  const answer = (await app.table.handle('watch.events', app.pageUrl, { kinds: [kind] })) as { ok: boolean; value?: { events: unknown[] } }
  return answer.value?.events.length ?? 0
}

const editor = (page: Page) => page.getByRole('region', { name: /^(New rule|Edit the rule)/ })

test('a rule from the example: a bad value is refused on its field, steps reordered, saved, switched on and off', async ({ app }) => {
  test.setTimeout(60_000)
  const { page } = app
  await showRules(page)
  await expect(page.getByText('No rules yet.', { exact: false })).toBeVisible()
  await page.getByRole('button', { name: 'Add a rule' }).click()
  const form = editor(page)
  await expect(form.getByLabel('Name')).toBeFocused()
  await expect(form.getByLabel('Name')).toHaveValue(EXAMPLE_NAME)
  await expect(form.getByLabel('Rule on')).not.toBeChecked()
  const steps = form.getByRole('list', { name: 'Steps' })
  await expect(steps.getByRole('listitem')).toHaveCount(5)

  // Reorder: the reboot goes below the wait, and focus stays on the button that moved it.
  await form.getByRole('button', { name: 'Move step 2 down' }).click()
  await expect(form.getByLabel('Step 2: what')).toHaveValue('wait')
  await expect(form.getByLabel('Step 3: what')).toHaveValue('command')
  await expect(form.getByLabel('Step 3: command')).toHaveValue('reboot')
  await expect(form.getByRole('button', { name: 'Move step 3 down' })).toBeFocused()
  await form.getByRole('button', { name: 'Remove step 5' }).click()
  await expect(steps.getByRole('listitem')).toHaveCount(4)
  await form.getByRole('button', { name: 'Add a step' }).click()
  await expect(form.getByLabel('Step 5: what')).toBeFocused()
  await form.getByLabel('Step 5: what').selectOption('wait')

  // Two bad values: each refused on its own field, focus on the first, nothing stored.
  await form.getByLabel('Offline for (minutes)').fill('0')
  await form.getByLabel('Step 5: seconds to wait').fill('0')
  await form.getByRole('button', { name: 'Save the rule' }).click()
  await expect(form.getByLabel('Offline for (minutes)')).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByLabel('Offline for (minutes)')).toBeFocused()
  await expect(form.getByLabel('Step 5: seconds to wait')).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByText('At least 1', { exact: true })).toHaveCount(2)
  await expect(form.getByText('Fix the marked fields first: nothing was saved.')).toBeVisible()
  expect(storedRules(app)).toEqual([])

  await form.getByLabel('Offline for (minutes)').fill('3')
  await form.getByLabel('Step 5: seconds to wait').fill('30')
  await form.getByRole('button', { name: 'Save the rule' }).click()
  await expect(page.getByRole('status').filter({ hasText: `The rule “${EXAMPLE_NAME}” is saved.` })).toBeVisible()
  await expect(form).toHaveCount(0)
  const table = page.getByRole('table', { name: 'Rules' })
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: EXAMPLE_NAME }) })
  await expect(row).toContainText('Offline for 3 minutes')
  await expect(row).toContainText('Change IP and verify → Wait 120 seconds → Send “Reboot” → Check again → Wait 30 seconds')
  await expect(row.getByRole('button', { name: `Edit ${EXAMPLE_NAME}` })).toBeFocused()
  expect(storedRules(app)).toEqual([
    expect.objectContaining({
      name: EXAMPLE_NAME,
      enabled: false,
      when: { event: 'offline', minutes: 3 },
      do: [{ kind: 'change_ip_verify' }, { kind: 'wait', seconds: 120 }, { kind: 'command', command: 'reboot' }, { kind: 'check' }, { kind: 'wait', seconds: 30 }],
    }),
  ])

  // On and off, saved at once.
  await row.getByRole('checkbox', { name: `On: ${EXAMPLE_NAME}` }).check()
  await expect(page.getByRole('status').filter({ hasText: `The rule “${EXAMPLE_NAME}” is on.` })).toBeVisible()
  expect(storedRules(app)[0]?.enabled).toBe(true)
  await row.getByRole('checkbox', { name: `On: ${EXAMPLE_NAME}` }).uncheck()
  await expect(page.getByRole('status').filter({ hasText: `The rule “${EXAMPLE_NAME}” is off.` })).toBeVisible()
  expect(storedRules(app)[0]?.enabled).toBe(false)

  // Edit: a scope filter that does not parse is refused on its field; a good one is kept.
  await row.getByRole('button', { name: `Edit ${EXAMPLE_NAME}` }).click()
  await editor(page).getByRole('radio', { name: 'Connections that match a filter' }).check()
  await editor(page).getByLabel('Filter', { exact: true }).fill('town=moscow')
  await editor(page).getByRole('button', { name: 'Save the rule' }).click()
  await expect(editor(page).getByLabel('Filter', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await editor(page).getByLabel('Filter', { exact: true }).fill('city=moscow status=offline')
  await editor(page).getByRole('button', { name: 'Save the rule' }).click()
  await expect(editor(page)).toHaveCount(0)
  expect(storedRules(app)[0]?.scope).toEqual({ filter: 'city=moscow status=offline' })
})

test('a dry run over the recorded history: a table of each firing, run or held back by the hourly limit', async ({ app }) => {
  test.setTimeout(60_000)
  const { page } = app
  const sim = await app.simulator()
  // Changes of IP that kept the same exit IP, as the watch records them (twice on one phone, once on another).
  const engine = app.core.watch.engine
  engine.reportIpNotChanged(idOf(sim, 'Moscow MTS 01'), '10.0.0.1')
  engine.reportIpNotChanged(idOf(sim, 'London EE'), '10.0.0.2')
  engine.reportIpNotChanged(idOf(sim, 'Moscow MTS 01'), '10.0.0.1')
  await expect.poll(() => storedEvents(app, 'ip_not_changed'), { timeout: 15_000 }).toBe(3)

  await showRules(page)
  await page.getByRole('button', { name: 'Add a rule' }).click()
  await editor(page).getByLabel('Name').fill('Same IP again')
  await editor(page).getByLabel('Event').selectOption({ label: 'A change of IP keeps the same exit IP' })
  await expect(editor(page).getByLabel('Offline for (minutes)')).toHaveCount(0)
  await editor(page).getByRole('button', { name: 'Dry run' }).click()
  const panel = page.getByRole('region', { name: 'Dry run of “Same IP again”: the last 24 hours' })
  await expect(panel.getByRole('status')).toHaveText('3 times the rule would have fired: 2 run, 1 held back by its limits.', { timeout: 15_000 })
  const table = panel.getByRole('table', { name: 'Dry run of “Same IP again”' })
  await expect(table.getByRole('row')).toHaveCount(4)
  await expect(table.getByRole('row').filter({ hasText: 'London EE' })).toContainText('Would run')
  await expect(table.getByRole('row').filter({ hasText: 'Moscow MTS 01' }).filter({ hasText: 'Held back by the limit' })).toHaveCount(1)
  await expect(table.getByRole('row').filter({ hasText: 'Moscow MTS 01' }).first()).toContainText('A change of IP keeps the same exit IP')
  // A dry run sends nothing and saves nothing.
  expect(storedRules(app)).toEqual([])
  expect(sim.control.apiRequestCount(`/connection/${idOf(sim, 'Moscow MTS 01')}/command-push`)).toBe(0)
})

test('a rule that is on runs when its event happens: its steps show on the Rules screen and in the audit trail', async ({ app }) => {
  test.setTimeout(60_000)
  const { page } = app
  const sim = await app.simulator()
  await showRules(page)
  await page.getByRole('button', { name: 'Add a rule' }).click()
  const form = editor(page)
  await form.getByLabel('Name').fill('Fix LTE on a stuck IP')
  await form.getByLabel('Rule on').check()
  await form.getByLabel('Event').selectOption({ label: 'A change of IP keeps the same exit IP' })
  for (let n = 5; n >= 2; n--) await form.getByRole('button', { name: `Remove step ${n}` }).click()
  await form.getByLabel('Step 1: what').selectOption('command')
  await form.getByLabel('Step 1: command').selectOption('fix_lte')
  await form.getByRole('button', { name: 'Save the rule' }).click()
  await expect(form).toHaveCount(0)

  app.core.watch.engine.reportIpNotChanged(idOf(sim, 'Berlin Telekom'), '10.0.0.3')
  const runs = page.getByRole('list', { name: 'Rule runs' })
  const run = runs.getByRole('listitem').filter({ hasText: 'Fix LTE on a stuck IP on Berlin Telekom' })
  await expect(run).toContainText('Send “Fix LTE”: done', { timeout: 20_000 })
  await expect(run).toContainText('Fired by: A change of IP keeps the same exit IP')
  await expect.poll(() => sim.control.apiRequestCount(`/connection/${idOf(sim, 'Berlin Telekom')}/command-push`)).toBe(1)

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Activity', exact: true }).click()
  const entry = page.getByRole('region', { name: 'Bulk runs and rule runs' }).getByRole('listitem').filter({ hasText: 'Rule “Fix LTE on a stuck IP”, by a rule' })
  await expect(entry).toBeVisible({ timeout: 15_000 })
  await entry.getByRole('button', { name: /^1 step/ }).click()
  await expect(entry.getByRole('table')).toContainText('Berlin Telekom')
  await expect(entry.getByRole('table')).toContainText('Fix LTE')
})

for (const theme of ['light', 'dark'] as const) {
  test(`the Rules screen, its editor and a dry run have no serious or critical axe violation (${theme})`, async ({ app }) => {
    test.setTimeout(60_000)
    const { page } = app
    await page.emulateMedia({ colorScheme: theme })
    await page.setViewportSize({ width: 900, height: 800 })
    await showRules(page)
    const serious = async (where: string) =>
      (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${where}: ${v.id} ${v.help}: ${v.targets.join(' | ')}`)
    const found: string[] = [...(await serious('empty list'))]
    await page.getByRole('button', { name: 'Add a rule' }).click()
    await editor(page).getByLabel('Offline for (minutes)').fill('0')
    await editor(page).getByRole('radio', { name: 'These connections' }).check()
    await editor(page).getByRole('button', { name: 'Save the rule' }).click()
    await expect(editor(page).getByText('Fix the marked fields first: nothing was saved.')).toBeVisible()
    found.push(...(await serious('editor with errors')))
    mkdirSync(SCREENS_DIR, { recursive: true })
    await page.screenshot({ path: resolve(SCREENS_DIR, `rules-editor-900-${theme}.png`), fullPage: true })
    await editor(page).getByLabel('Offline for (minutes)').fill('5')
    await editor(page).getByRole('radio', { name: 'All connections' }).check()
    await editor(page).getByRole('button', { name: 'Save the rule' }).click()
    await expect(editor(page)).toHaveCount(0)
    await page.getByRole('button', { name: `Dry run ${EXAMPLE_NAME}` }).click()
    await expect(page.getByRole('region', { name: /^Dry run of/ }).getByRole('status')).toBeVisible({ timeout: 15_000 })
    found.push(...(await serious('list and dry run')))
    await page.screenshot({ path: resolve(SCREENS_DIR, `rules-list-900-${theme}.png`), fullPage: true })
    expect(found).toEqual([])
  })
}

test('in Russian, the editor with its errors and a dry run show no English phrase', async ({ app }) => {
  test.setTimeout(60_000)
  const { page } = app
  const phrases = englishPhrases()
  const leaks = async (where: string) =>
    englishIn(
      await page.evaluate(() => [document.body.innerText, ...[...document.querySelectorAll('[aria-label], [title]')].map((el) => `${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('title') ?? ''}`)].join('\n')),
      phrases,
    ).map((found) => `${where}: ${found}`)
  await expect(page.getByRole('grid', { name: 'Connections' })).toBeVisible({ timeout: 30_000 })
  await page.getByLabel('Language').selectOption('ru')
  await page.getByRole('navigation', { name: ru.sections.label }).getByRole('button', { name: ru.sections.rules, exact: true }).click()
  await page.getByRole('button', { name: ru.rules.list.add }).click()
  const form = page.getByRole('region', { name: ru.rules.editor.newTitle })
  await form.getByLabel(ru.rules.editor.minutes).fill('0')
  await form.getByRole('radio', { name: ru.rules.editor.scopeFilter }).check()
  await form.getByLabel(ru.rules.editor.filter, { exact: true }).fill('town=moscow')
  await form.getByRole('button', { name: ru.rules.editor.save }).click()
  await expect(form.getByText(ru.rules.editor.fixErrors)).toBeVisible()
  await expect(form.getByText(ru.rules.editor.filterBad)).toBeVisible()
  await expect(form.getByText('Не меньше 1', { exact: false })).toBeVisible()
  const found = [...(await leaks('editor'))]
  await form.getByLabel(ru.rules.editor.minutes).fill('5')
  await form.getByRole('radio', { name: ru.rules.editor.scopeAll }).check()
  await form.getByRole('button', { name: ru.rules.dryRun.button }).click()
  await expect(page.getByText(ru.rules.dryRun.none)).toBeVisible({ timeout: 15_000 })
  found.push(...(await leaks('dry run')))
  expect(found).toEqual([])
})

test('a "check failed" rule asking for more failures than the watch counts says it would never run', async ({ app }) => {
  const { page } = app
  await showRules(page)
  await page.getByRole('button', { name: 'Add a rule' }).click()
  const form = editor(page)
  await form.getByLabel('Event').selectOption({ label: 'The check of its proxy fails' })
  const times = form.getByLabel('Failed checks in a row')
  // The watch's default is 3 failures in a row (Alerts → Watching).
  await times.fill('3')
  await expect(times).not.toHaveAccessibleDescription(/never reached/)
  await times.fill('5')
  await expect(times).toHaveAccessibleDescription('The watch reports a failed check once, after 3 failures in a row (Alerts → Watching), so a higher number here is never reached.')
})

/**
 * The bulk UI benchmark (issue 22: "the UI stays responsive: a keystroke in the board's filter under 50 ms while
 * the run updates 500 rows"). 500 connections on the board, all selected, a Change IP run on them at concurrency 20
 * whose every command takes 200 ms (the latency fault of bulk.bench.test.ts), so the run takes several seconds and
 * its live results (`bulk.progress`, at most every 100 ms, each with all 500 items) keep re-rendering the results
 * panel. While it runs, 20 keystrokes in the board's search box, each timed in the page from keydown to the
 * re-rendered screen laid out; the same keystrokes before the run are the baseline.
 *
 * Only functional facts are asserted (the run was running when typing started and ended, every row updated, the
 * results show); no timing is. The figures go to out/bench/bulk-ui.json, with the load average (2 shared cores).
 */
import { cpus, loadavg } from 'node:os'
import type { Locator } from '@playwright/test'
import { expect, test } from '@playwright/test'
import { chromiumAvailability } from '../../e2e/harness/chromium'
import { systemPartsRequired } from '../../support/system'
import { BenchRecorder, type BenchUnit } from '../bench-report'
import { median, searchKeystrokes, settled } from './keystrokes'
import { startScaleApp } from './scale-app'

const SCALE = { connections: 500, proxiesPerConnection: 1 }
const CONCURRENCY = 20
const COMMAND_MS = 200
const chromium = chromiumAvailability()
test.skip(!chromium.available && !systemPartsRequired, `Chromium not available (${chromium.reason})`)

const bench = new BenchRecorder('bulk-ui')
test.afterAll(() => console.log(`figures written to ${bench.write()}`))

/** Prints one line of the table and records its figure. */
function figure(label: string, value: number, unit: BenchUnit, shown: string): void {
  console.log(`  ${label.padEnd(62)} ${shown}`)
  bench.add(label, value, unit)
}


/** The results panel's counts line, as the page shows it. */
async function shownCounts(panel: Locator): Promise<{ done: number; left: number }> {
  const text = await panel.locator('.bulkrun-counts').innerText()
  const m = /Done: (\d+) · failed: \d+ · skipped: \d+ · cancelled: \d+ · to go: (\d+)/.exec(text)
  if (!m) throw new Error(`unexpected counts line: ${text}`)
  return { done: Number(m[1]), left: Number(m[2]) }
}

test(`a search keystroke on the board while Change IP updates ${SCALE.connections} rows`, async ({ page }) => {
  const app = await startScaleApp(page, SCALE, { forwardEvents: true })
  try {
    app.sim.faults.add({ path: '/connection/*/command-push', method: 'POST', fault: { kind: 'latency', ms: COMMAND_MS } })
    await app.core.implementations['bulk.updateSettings']({ concurrency: CONCURRENCY })
    await page.goto(app.pageUrl)
    await expect(page.getByText(`${SCALE.connections} of ${SCALE.connections} connections`)).toBeVisible()
    await settled(page)

    // Baseline: the same keystrokes with no run going.
    const idle = await searchKeystrokes(page, 'Search connections')

    // Everything on the board selected, then Change IP on all of it, confirmed.
    await page.getByRole('checkbox', { name: 'Select all shown connections' }).check()
    const bar = page.getByRole('toolbar', { name: 'Actions on the selection' })
    await expect(bar.getByText(`Selected: ${SCALE.connections}`)).toBeVisible()
    await bar.getByRole('button', { name: 'Change IP', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: `Change IP on ${SCALE.connections} connections?` })
    await expect(dialog).toContainText(`At most ${CONCURRENCY} connections at a time`)
    await dialog.getByRole('button', { name: 'Start' }).click()
    const panel = page.getByRole('region', { name: 'Results of “Change IP”' })
    const cancel = panel.getByRole('button', { name: 'Cancel the run' })
    // Typing starts once the run's results are coming in (some rows done, most to go).
    await expect.poll(async () => (await shownCounts(panel)).done, { intervals: [20] }).toBeGreaterThan(0)

    const atStart = await shownCounts(panel)
    await expect(cancel).toBeVisible()
    const typingFrom = Date.now()
    const busy = await searchKeystrokes(page, 'Search connections')
    const typingTo = Date.now()
    const atEnd = await shownCounts(panel)
    // Still running when the typing ended: the page still offers Cancel and has connections to go.
    await expect(cancel).toBeVisible()
    expect(atStart.left).toBeGreaterThan(0)
    expect(atEnd.left).toBeGreaterThan(0)
    const progressArrivals = () => page.evaluate<number[]>(`window.__arrivals['event:bulk.progress'] ?? []`)
    const duringTyping = (await progressArrivals()).filter((at) => at >= typingFrom && at <= typingTo).length
    expect(duringTyping).toBeGreaterThan(0)

    // The run ends with every row updated, and the results show them.
    await expect(panel.getByRole('status')).toHaveText('Change IP: finished', { timeout: 120_000 })
    await expect(panel).toContainText(`Done: ${SCALE.connections} · failed: 0 · skipped: 0 · cancelled: 0 · to go: 0`)
    await expect(panel.getByRole('gridcell', { name: 'Done', exact: true }).first()).toBeVisible()
    await expect(page.getByText(`${SCALE.connections} of ${SCALE.connections} connections`)).toBeVisible()
    const final = await shownCounts(panel)
    const allArrivals = await progressArrivals()

    const ms = (value: number) => `${value.toFixed(1)} ms`
    const load = loadavg()
    console.log(`\nBulk UI benchmark: ${SCALE.connections} connections, Change IP at concurrency ${CONCURRENCY}, ${COMMAND_MS} ms a command (Chromium ${page.context().browser()?.version()})`)
    figure(`keystroke → re-rendered, no run: median of ${idle.keystrokes.length}`, median(idle.keystrokes), 'ms', ms(median(idle.keystrokes)))
    figure('keystroke → re-rendered, no run: max', Math.max(...idle.keystrokes), 'ms', ms(Math.max(...idle.keystrokes)))
    figure(`keystroke → re-rendered, during the run: median of ${busy.keystrokes.length}`, median(busy.keystrokes), 'ms', `${ms(median(busy.keystrokes))} (target: under 50 ms)`)
    figure('keystroke → re-rendered, during the run: max', Math.max(...busy.keystrokes), 'ms', ms(Math.max(...busy.keystrokes)))
    figure('long tasks (> 50 ms) while typing, no run', idle.longTasks.length, 'count', `${idle.longTasks.length}${idle.longTasks.length ? ` (longest ${ms(Math.max(...idle.longTasks))})` : ''}`)
    figure('long tasks (> 50 ms) while typing, during the run', busy.longTasks.length, 'count', `${busy.longTasks.length}${busy.longTasks.length ? ` (longest ${ms(Math.max(...busy.longTasks))})` : ''}`)
    figure('bulk.progress events that arrived during the typing', duringTyping, 'count', `${duringTyping} in ${((typingTo - typingFrom) / 1000).toFixed(2)} s`)
    figure('rows updated during the typing (done, as the panel showed)', atEnd.done - atStart.done, 'count', `${atEnd.done - atStart.done} (${atStart.done} → ${atEnd.done})`)
    figure('rows updated by the run (done, as the panel showed)', final.done, 'count', String(final.done))
    const runMs = Math.max(...allArrivals) - Math.min(...allArrivals)
    figure('bulk.progress events in the whole run', allArrivals.length, 'count', `${allArrivals.length} over ${(runMs / 1000).toFixed(1)} s`)
    bench.add('the run: first to last bulk.progress event', runMs, 'ms')
    figure('load average (1 min) at the end', load[0]!, 'load', `${load.map((l) => l.toFixed(2)).join(', ')} on ${cpus().length} CPUs`)
  } finally {
    await app.close()
  }
})

/**
 * "Change IP and verify" where users reach it: on a selection of connections and on one connection's Overview.
 * It goes bridge → health service → a real proxy of the demo simulator → changeip → polling through that proxy.
 */
import { expect, skipWithoutChromium, test } from './harness/fixtures'

skipWithoutChromium()
test.use({ demoMode: true })

test('on a selection: asks first, then shows each connection going from its old IP to a new one', async ({ app }) => {
  const { page } = app
  await page.getByRole('checkbox', { name: 'Select Berlin Telekom' }).check()
  await page.getByRole('checkbox', { name: 'Select London EE' }).check()
  await page.getByRole('toolbar').getByRole('button', { name: 'Change IP and verify', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Change IP and verify: 2 connections' })
  await expect(dialog).toContainText('the app checks through the connection’s proxy that the exit IP is new')
  await dialog.getByRole('button', { name: 'Start' }).click()
  const results = page.getByRole('region', { name: 'Results of “Change IP and verify”' })
  await expect(results.getByRole('status')).toHaveText('Change IP and verify: finished', { timeout: 60_000 })
  for (const name of ['Berlin Telekom', 'London EE']) {
    const row = results.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) })
    await expect(row).toContainText('Done')
    const [, before, after] = /((?:\d{1,3}\.){3}\d{1,3}) → ((?:\d{1,3}\.){3}\d{1,3})/.exec(await row.innerText()) ?? []
    expect(before).toBeTruthy()
    expect(after).not.toBe(before)
  }
})

test('on one connection: a failing changeip is reported clearly', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  sim.faults.set([{ path: '/connection/*/command-push', fault: { kind: 'status', status: 502 } }])
  await page.getByRole('button', { name: 'Berlin Telekom', exact: true }).click()
  await page.getByRole('tabpanel').getByRole('button', { name: 'Change IP and verify' }).click()
  const dialog = page.getByRole('dialog', { name: 'Change IP and verify' })
  await dialog.getByRole('button', { name: 'Change IP now' }).click()
  await expect(dialog.getByRole('listitem')).toContainText('Berlin Telekom:', { timeout: 30_000 })
  await expect(dialog.getByRole('listitem')).toContainText(/502|Bad gateway|change IP/i)
  await expect(dialog.getByRole('listitem')).not.toContainText('→')
})

test('a run that waits can be cancelled: the connection ends as cancelled and the dialog can close', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const conn = [...sim.state.connections.values()].find((c) => c.name === 'Berlin Telekom')!
  await page.getByRole('button', { name: 'Berlin Telekom', exact: true }).click()
  await page.getByRole('tabpanel').getByRole('button', { name: 'Change IP and verify' }).click()
  const dialog = page.getByRole('dialog', { name: 'Change IP and verify' })
  // A phone that never reports back: its IP never changes, so the run waits until cancelled (or 2 minutes).
  const device = conn.device
  delete conn.device
  try {
    await dialog.getByRole('button', { name: 'Change IP now' }).click()
    await expect(dialog.getByRole('status')).toHaveText('Changing IP and waiting for the new one…')
    await expect(dialog.getByRole('button', { name: 'Close' })).toHaveCount(0)
    const started = Date.now()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog.getByRole('listitem')).toHaveText('Berlin Telekom: Cancelled.', { timeout: 10_000 })
    expect(Date.now() - started).toBeLessThan(8_000)
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(dialog).toHaveCount(0)
  } finally {
    conn.device = device
  }
})

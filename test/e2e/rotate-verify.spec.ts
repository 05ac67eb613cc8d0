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
  await page.getByRole('toolbar').getByRole('button', { name: 'Change IP and verify (2)' }).click()
  const dialog = page.getByRole('dialog', { name: 'Change IP and verify' })
  await expect(dialog).toContainText('each selected connection (2)')
  await dialog.getByRole('button', { name: 'Change IP now' }).click()
  const results = dialog.getByRole('list', { name: 'Change IP and verify' })
  await expect(results.getByRole('listitem')).toHaveCount(2, { timeout: 60_000 })
  for (const name of ['Berlin Telekom', 'London EE']) {
    await expect(results.getByRole('listitem').filter({ hasText: name })).toHaveText(
      /: (\d{1,3}\.){3}\d{1,3} → (\d{1,3}\.){3}\d{1,3} in \d+(\.\d+)? s \((1 check|([02-9]|\d\d+) checks)\)/,
    )
  }
  const text = await results.innerText()
  for (const line of text.split('\n').filter(Boolean)) {
    const [, before, after] = /: (\S+) → (\S+) in/.exec(line) ?? []
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

/**
 * The fleet watch on screen (issue 21), against the demo simulator, the real watch engine and alert sink, and the
 * history.sqlite in the harness's data folder: the Alerts screen's settings (saved, a bad value refused on its
 * field), its "Send a test alert" buttons against a webhook server started here, and the Activity screen listing a
 * phone's outage as the simulator's control surface holds it offline and the engine runs its cycles.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, skipWithoutChromium, test } from './harness/fixtures'
import { keyringAvailability } from '../support/keyring'
import { requireSystem } from '../support/system'

skipWithoutChromium()
test.use({ demoMode: true })

async function showSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click()
  await expect(page.getByRole('banner').getByRole('heading', { level: 1 })).toHaveText(name)
}

/** A webhook receiver on loopback: `/ok` answers 200, `/broken` 500; every POST body is kept. */
async function webhookServer(): Promise<{ origin: string; bodies: Array<{ path: string; body: Record<string, unknown> }>; close(): Promise<void> }> {
  const bodies: Array<{ path: string; body: Record<string, unknown> }> = []
  const server: Server = createServer((request, response) => {
    let text = ''
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
    request.on('end', () => {
      bodies.push({ path: request.url ?? '', body: JSON.parse(text) as Record<string, unknown> })
      response.writeHead(request.url === '/ok' ? 200 : 500).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { origin: `http://127.0.0.1:${port}`, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

async function control(origin: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${origin}/_control${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  expect(response.ok).toBe(true)
}

test('alert settings: a bad value is refused on its field, a good change is saved and read back', async ({ app }) => {
  const { page } = app
  await showSection(page, 'Alerts')
  const interval = page.getByLabel('Check every (seconds)')
  await expect(interval).toHaveValue('30')
  await interval.fill('5')
  await page.getByRole('button', { name: 'Save settings' }).click()
  // Refused on the field, in words, and nothing stored.
  await expect(interval).toHaveAttribute('aria-invalid', 'true')
  await expect(interval).toBeFocused()
  await expect(page.getByRole('alert').filter({ hasText: /10/ })).toBeVisible()
  await expect(page.getByText('Alert settings saved.')).toHaveCount(0)
  await interval.fill('45')
  await page.getByLabel('Alert when offline for (seconds)').fill('90')
  await page.getByLabel('Keep watching in the tray when the window is closed').uncheck()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Alert settings saved.' })).toBeVisible()
  const onDisk = JSON.parse(readFileSync(join(app.userDataDir, 'watch-settings.json'), 'utf8')) as Record<string, unknown>
  expect(onDisk).toMatchObject({ intervalSeconds: 45, offlineAfterSeconds: 90, keepWatchingWhenClosed: false })
  // Read back after a reload: what main stored, not what the form remembered.
  await page.reload()
  await showSection(page, 'Alerts')
  await expect(page.getByLabel('Check every (seconds)')).toHaveValue('45')
  await expect(page.getByLabel('Keep watching in the tray when the window is closed')).not.toBeChecked()
})

test('"Send a test alert" reaches each webhook and the desktop, and says what each answered', async ({ app }) => {
  const { page } = app
  const receiver = await webhookServer()
  try {
    await showSection(page, 'Alerts')
    const newUrl = page.getByLabel('New webhook address')
    await newUrl.fill('ftp://example.test/hook')
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await expect(newUrl).toHaveAttribute('aria-invalid', 'true')
    for (const path of ['/ok', '/broken']) {
      await newUrl.fill(`${receiver.origin}${path}`)
      await page.getByRole('button', { name: 'Add', exact: true }).click()
    }
    await expect(page.getByRole('list', { name: 'Webhook addresses' }).getByRole('listitem')).toHaveCount(2)
    await page.getByRole('button', { name: 'Send a test alert: webhooks' }).click()
    const results = page.getByRole('status', { name: 'Test alert results: webhooks' })
    await expect(results.getByText(`${receiver.origin}/ok: delivered`)).toBeVisible({ timeout: 15_000 })
    await expect(results.getByText(`${receiver.origin}/broken: not delivered (the server answered HTTP 500)`)).toBeVisible()
    // The test saved the list first, and the receiver got one JSON object with the agreed fields.
    expect(JSON.parse(readFileSync(join(app.userDataDir, 'watch-settings.json'), 'utf8'))).toMatchObject({ webhooks: [`${receiver.origin}/ok`, `${receiver.origin}/broken`] })
    const ok = receiver.bodies.find((b) => b.path === '/ok')
    expect(ok?.body).toEqual(expect.objectContaining({ event: expect.any(String), at: expect.any(String), message: expect.any(String) }))

    await page.getByRole('button', { name: 'Send a test alert: desktop notifications' }).click()
    await expect(page.getByRole('status', { name: 'Test alert results: desktop notifications' }).getByText('desktop notifications: delivered')).toBeVisible()
    expect(app.desktop.notices).toHaveLength(1)

    // Removing an address is saved with the form.
    await page.getByRole('button', { name: `Remove ${receiver.origin}/broken` }).click()
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Alert settings saved.' })).toBeVisible()
    expect(JSON.parse(readFileSync(join(app.userDataDir, 'watch-settings.json'), 'utf8'))).toMatchObject({ webhooks: [`${receiver.origin}/ok`] })
  } finally {
    await receiver.close()
  }
})

test('the Activity screen lists a phone going offline and coming back as the watch sees it', async ({ app }) => {
  test.setTimeout(60_000)
  const { page } = app
  const sim = await app.simulator()
  // Alerts at once (no 120 s wait): the outage below is news at the next cycle.
  const saved = (await app.table.handle('watch.updateSettings', app.pageUrl, { offlineAfterSeconds: 0 })) as { ok: boolean }
  expect(saved.ok).toBe(true)
  const phone = [...sim.state.connections.values()].find((c) => c.name === 'Moscow MTS 01')
  if (!phone) throw new Error('no demo phone Moscow MTS 01')
  await app.core.watch.engine.runCycle()

  await showSection(page, 'Activity')
  const status = page.getByRole('region', { name: 'Fleet watch' })
  await expect(status.getByRole('status')).toContainText(/connections (online|offline)/)
  const grid = page.getByRole('grid', { name: 'Fleet watch events' })

  await control(sim.origin, `/connections/${phone.id}/status`, { status: 'offline' })
  await app.core.watch.engine.runCycle()
  const offlineRow = grid.getByRole('row').filter({ hasText: 'Moscow MTS 01' }).filter({ hasText: 'Offline since' })
  await expect(offlineRow).toBeVisible()
  await expect(status.getByRole('status')).toContainText('offline')

  await control(sim.origin, `/connections/${phone.id}/status`, { status: 'online' })
  await app.core.watch.engine.runCycle()
  await expect(grid.getByRole('row').filter({ hasText: 'Moscow MTS 01' }).filter({ hasText: 'Back online' })).toBeVisible()

  // Filters: by kind, then by connection; what main stored, read back after a reload.
  await page.reload()
  await showSection(page, 'Activity')
  await page.getByRole('combobox', { name: 'Event', exact: true }).selectOption({ label: 'Back online' })
  await expect(grid.getByRole('row').filter({ hasText: 'Moscow MTS 01' })).toHaveCount(1)
  await expect(grid.getByRole('row').filter({ hasText: 'Offline since' })).toHaveCount(0)
  await page.getByRole('combobox', { name: 'Event', exact: true }).selectOption({ label: 'All events' })
  await page.getByRole('combobox', { name: 'Connection', exact: true }).selectOption({ label: 'Moscow MTS 01' })
  await expect(grid.getByRole('row').filter({ hasText: 'Moscow MTS 01' })).toHaveCount(2)
  // The connection's name opens it.
  await grid.getByRole('button', { name: 'Moscow MTS 01' }).first().click()
  await expect(page.getByRole('heading', { level: 2, name: 'Moscow MTS 01' })).toBeVisible()
})

test('a clicked alert notification opens its connection, or the Activity screen for a fleet-wide one', async ({ app }) => {
  const { page } = app
  await expect(page.getByRole('grid', { name: 'Connections' })).toBeVisible({ timeout: 30_000 })
  const sim = await app.simulator()
  const phone = [...sim.state.connections.values()].find((c) => c.name === 'Berlin Telekom')
  if (!phone) throw new Error('no demo phone Berlin Telekom')
  // What the shell sends when a notification is clicked (main/index.ts, noticeClick in window-model.ts).
  app.emit('watch.openConnection', { connectionId: phone.id })
  await expect(page.getByRole('heading', { level: 2, name: 'Berlin Telekom' })).toBeVisible()
  app.emit('watch.openConnection', {})
  await expect(page.getByRole('banner').getByRole('heading', { level: 1 })).toHaveText('Activity')
})

test('the Telegram bot token is stored write-only in the keychain, and its test alert reaches a local Bot API', async ({ app }) => {
  requireSystem('Secret Service', keyringAvailability(), (note) => test.skip(true, note))
  const { page } = app
  const token = `123456:e2e-${Math.random().toString(36).slice(2, 10)}`
  const calls: Array<{ path: string; body: Record<string, unknown> }> = []
  const bot = createServer((request, response) => {
    let text = ''
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
    request.on('end', () => {
      calls.push({ path: request.url ?? '', body: JSON.parse(text) as Record<string, unknown> })
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: { message_id: 1 } }))
    })
  })
  await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve))
  try {
    await showSection(page, 'Alerts')
    await expect(page.getByText('No bot token is stored.', { exact: false })).toBeVisible()
    await page.getByLabel('Bot token').fill(token)
    await page.getByRole('button', { name: 'Save the token' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'The bot token is saved.' })).toBeVisible()
    // Never read back: the field is empty again and the page only learns that one is stored.
    await expect(page.getByLabel('Bot token')).toHaveValue('')
    await expect(page.getByText('A bot token is stored.', { exact: false })).toBeVisible()
    expect(JSON.stringify(app.bridgeResults)).not.toContain(token)

    await page.getByLabel('Send alerts to Telegram').check()
    await page.getByLabel('Chat ID').fill('-100777')
    await page.getByLabel('Bot API address').fill(`http://127.0.0.1:${(bot.address() as AddressInfo).port}`)
    await page.getByRole('button', { name: 'Send a test alert: Telegram' }).click()
    await expect(page.getByRole('status', { name: 'Test alert results: Telegram' }).getByText('Telegram: delivered')).toBeVisible({ timeout: 15_000 })
    expect(calls).toEqual([{ path: `/bot${token}/sendMessage`, body: expect.objectContaining({ chat_id: '-100777' }) }])

    await page.getByRole('button', { name: 'Remove the token' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'The bot token is removed.' })).toBeVisible()
    await expect(page.getByText('No bot token is stored.', { exact: false })).toBeVisible()
  } finally {
    await new Promise((resolve) => bot.close(resolve))
  }
})

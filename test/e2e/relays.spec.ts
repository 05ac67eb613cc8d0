/**
 * Relays (issue 23): a relay added on the screen for a demo proxy, started, used by curl (a real client), and the
 * screen shows the traffic live; its address is copied; a relay on a taken port says why; stopping it closes it.
 */
import { execFile } from 'node:child_process'
import { createServer, type AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import type { Simulator } from '../../src/main/demo'
import { axeViolations } from './harness/axe'
import { expect, skipWithoutChromium, test } from './harness/fixtures'

skipWithoutChromium()
test.use({ demoMode: true })

function curlThrough(proxy: string, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-sS', '--max-time', '10', '--noproxy', '', '-x', proxy, url], (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout)))
  })
}

/** A SOCKS5 proxy with a password on an online phone, open to any client, and the IP it exits with. */
function workingProxy(sim: Simulator): { proxy: { id: string }; exitIp: string } {
  const proxy = [...sim.state.proxies.values()].find((p) => {
    const conn = sim.state.connections.get(p.connectionId)
    return p.bound && p.listenService === 'socks5' && p.authType === 'userpass' && p.aclIps.length === 0 && !p.expiresAt && conn?.ip && conn.proxyEnabled && conn.status === 'online'
  })!
  return { proxy, exitIp: sim.state.connections.get(proxy.connectionId)!.ip!.ipv4 }
}

test('a relay for a demo proxy: started, used by curl, live bytes on screen, address copied, stopped', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const { proxy, exitIp } = workingProxy(sim)

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Relays', exact: true }).click()
  const form = page.getByRole('form', { name: 'New relay' })
  await form.getByLabel('Name').fill('Moscow phone')
  await form.getByLabel('Proxies, in order').fill(proxy.id)
  await form.getByRole('button', { name: 'Add relay' }).click()
  await expect(form.getByRole('status')).toHaveText('Relay “Moscow phone” added.')

  const card = page.getByRole('article', { name: 'Moscow phone' })
  await expect(card.getByTestId('relay-state')).toHaveText('Stopped')
  await card.getByRole('button', { name: 'Start Moscow phone' }).click()
  await expect(card.getByTestId('relay-state')).toHaveText('Running')
  const address = (await card.locator('.relay-address .mono').first().textContent())!
  expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  await expect(card.getByTestId('relay-received')).toHaveText(/^0 B/)

  const answer = JSON.parse(await curlThrough(address, sim.echoUrl)) as { ip: string }
  expect(answer.ip).toBe(exitIp)
  // The screen polls: the bytes the echo sent back show without a reload.
  await expect(card.getByTestId('relay-received')).not.toHaveText(/^0 B/)
  await expect(card.getByTestId('relay-sent')).not.toHaveText(/^0 B/)

  await card.getByRole('button', { name: 'Copy HTTP address of Moscow phone' }).click()
  expect(app.desktop.clipboard.at(-1)).toBe(address)

  await card.getByRole('button', { name: 'Stop Moscow phone' }).click()
  await expect(card.getByTestId('relay-state')).toHaveText('Stopped')
  await expect(curlThrough(address, sim.echoUrl)).rejects.toThrow()
})

test('a relay on a port another program holds: the card says the port is in use', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const proxy = [...sim.state.proxies.values()].find((p) => p.bound && p.authType === 'userpass')!
  const taken = createServer()
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()))
  try {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Relays', exact: true }).click()
    const form = page.getByRole('form', { name: 'New relay' })
    await form.getByLabel('Name').fill('Busy port')
    await form.getByLabel('Proxies, in order').fill(proxy.id)
    await form.getByLabel('HTTP port').fill(String((taken.address() as AddressInfo).port))
    await form.getByRole('button', { name: 'Add relay' }).click()
    const card = page.getByRole('article', { name: 'Busy port' })
    await card.getByRole('button', { name: 'Start Busy port' }).click()
    await expect(card.getByTestId('relay-state')).toHaveText('Failed')
    // On Linux the OS tells who holds the port: here, the test's own process.
    await expect(card.getByTestId('relay-error')).toContainText(process.platform === 'linux' ? `Port ${(taken.address() as AddressInfo).port} is used by ` : 'used by another program')
    if (process.platform === 'linux') await expect(card.getByTestId('relay-error')).toContainText(`(PID ${process.pid})`)
  } finally {
    await new Promise<void>((r) => taken.close(() => r()))
  }
})

test('the Relays screen with a running relay: no serious axe violation in light and dark, fits 900 px, works by keyboard', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const proxy = [...sim.state.proxies.values()].find((p) => p.bound && p.authType === 'userpass')!
  await page.setViewportSize({ width: 900, height: 800 })
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Relays', exact: true }).click()
  const form = page.getByRole('form', { name: 'New relay' })
  await form.getByLabel('Name').fill('Keyboard relay')
  await form.getByLabel('Proxies, in order').fill(`${proxy.id}\nsocks5://u:p@127.0.0.1:9`)
  await form.getByRole('button', { name: 'Add relay' }).focus()
  await page.keyboard.press('Enter')
  const card = page.getByRole('article', { name: 'Keyboard relay' })
  await card.getByRole('button', { name: 'Start Keyboard relay' }).focus()
  await page.keyboard.press('Enter')
  await expect(card.getByTestId('relay-state')).toHaveText('Running')
  // A failover group lists its proxies in order; the pasted one is shown without its password.
  await expect(card.getByRole('listitem').filter({ hasText: 'socks5://u@127.0.0.1:9' })).toBeVisible()
  await expect(card).not.toContainText('u:p@')
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900)
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme })
    const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${theme}: ${v.id} ${v.targets.join(' | ')}`)
    expect(serious).toEqual([])
  }
  await card.getByRole('button', { name: 'Stop Keyboard relay' }).click()
  await expect(card.getByTestId('relay-state')).toHaveText('Stopped')
})

test('a relay other devices can reach: refused without a login, then asks clients for the one set on screen', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const { proxy, exitIp } = workingProxy(sim)
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Relays', exact: true }).click()
  const form = page.getByRole('form', { name: 'New relay' })
  await form.getByLabel('Name').fill('Office relay')
  await form.getByLabel('Proxies, in order').fill(proxy.id)
  await form.getByLabel('Listen on').fill('0.0.0.0')
  await form.getByRole('button', { name: 'Add relay' }).click()
  await expect(form.getByLabel('Password')).toHaveAccessibleDescription(/needs a login and password/)
  await expect(page.getByRole('article', { name: 'Office relay' })).toHaveCount(0)

  await form.getByLabel('Login').fill('office')
  await form.getByLabel('Password').fill('Local-pass-77')
  await form.getByRole('button', { name: 'Add relay' }).click()
  await expect(form.getByRole('status')).toHaveText('Relay “Office relay” added.')
  await expect(form.getByLabel('Password')).toHaveValue('')
  const card = page.getByRole('article', { name: 'Office relay' })
  await expect(card).toContainText('office')
  await expect(card).not.toContainText('Local-pass-77')
  // Listening on every address: the card says where other devices reach it (this machine's own addresses).
  const lan = Object.values(networkInterfaces()).flatMap((l) => l ?? []).filter((a) => !a.internal && a.family === 'IPv4').map((a) => a.address)
  if (lan.length > 0) await expect(card.getByTestId('relay-network-addresses')).toHaveText(`${lan.join(', ')} (the same ports)`)
  else await expect(card.getByTestId('relay-network-addresses')).toHaveCount(0)
  await card.getByRole('button', { name: 'Start Office relay' }).click()
  await expect(card.getByTestId('relay-state')).toHaveText('Running')
  const address = (await card.locator('.relay-address .mono').first().textContent())!
  expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  const noLogin = await new Promise<string>((resolve) =>
    execFile('curl', ['-sS', '--max-time', '10', '--noproxy', '', '-x', address, '-o', '/dev/null', '-w', '%{http_code}', sim.echoUrl], (_err, stdout) => resolve(stdout)),
  )
  expect(noLogin).toBe('407')
  const withLogin = address.replace('http://', 'http://office:Local-pass-77@')
  expect((JSON.parse(await curlThrough(withLogin, sim.echoUrl)) as { ip: string }).ip).toBe(exitIp)
  await card.getByRole('button', { name: 'Stop Office relay' }).click()
  await expect(card.getByTestId('relay-state')).toHaveText('Stopped')
})

/**
 * ConnectionActions against the simulator's demo account (12 phones, plans, VPN accesses): prolong needs the
 * active plan, VPN files are written decoded and verified (one that would run a program is held back), a check
 * passes only when every proxy does, toggle_proxy carries its flag, and a change of IP outside a run is recorded as
 * an action of its own. Every failure is a result with a reason, never a throw.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { createConnectionActions } from '../../../src/main/bulk'
import { startSimulator, type Simulator, type SimConnection } from '../../../src/main/demo'
import { tempDir } from '../history/support'
import { bulkHarness, type BulkHarness } from './support'

let sim: Simulator
let h: BulkHarness
const never = new AbortController().signal

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
})
afterAll(async () => {
  await sim.stop()
})
afterEach(async () => {
  sim.faults.clear()
  await h?.close()
})

const phone = (name: string): SimConnection => [...sim.state.connections.values()].find((c) => c.name === name)!
const actionsOf = (harness: BulkHarness) => createConnectionActions({ client: () => harness.client, health: harness.health, history: harness.store, log: () => {} })

test('prolong: the active plan, as the API showed it; none: skipped', async () => {
  h = await bulkHarness(sim)
  const moscow = phone('Moscow MTS 01')
  const bangkok = phone('Bangkok AIS (setting up)')
  const days = moscow.plan!.days
  const expiresBefore = moscow.plan!.expiresAt
  const preview = await h.bulk.preview({ action: { kind: 'prolong', days }, connectionIds: [moscow.id, bangkok.id] })
  expect(preview.balance).toEqual({ amount: sim.state.account.balanceCents / 100, currency: 'USD' })
  const balanceBefore = sim.state.account.balanceCents

  const run = await h.bulk.done((await h.bulk.start({ action: { kind: 'prolong', days }, connectionIds: [moscow.id, bangkok.id] })).id)
  const [m, b] = run.items
  expect(m).toMatchObject({ state: 'done', detail: { days, expiresAt: new Date(expiresBefore + days * 86_400_000).toISOString() } })
  expect(b).toMatchObject({ state: 'skipped', code: 'no_active_plan', reason: 'This connection has no active plan to prolong.' })
  expect(sim.state.account.balanceCents).toBeLessThan(balanceBefore)
  // In the history under the app's own kind for it, read back as the step's name.
  expect(h.store.events({ connectionId: moscow.id, from: 0, to: Date.now() + 1, kinds: ['action'] }).events[0]).toMatchObject({ action: 'prolongate_plan', runId: run.id })
  expect(h.store.audit({ connectionId: moscow.id }).entries[0]!.steps[0]).toMatchObject({ step: 'prolong', outcome: 'ok' })

  // A number of days the plan does not take: the server's refusal, in words, as the item's reason.
  const odd = await actionsOf(h).run({ kind: 'prolong', days: days + 1 }, moscow.id, never)
  expect(odd).toMatchObject({ outcome: 'failed', code: 'validation_failed' })
  expect(odd.reason).toMatch(/multiple/)
})

test('ovpn: each VPN access written decoded and verified; one that runs a program is held back', async () => {
  h = await bulkHarness(sim)
  const dir = join(tempDir(), 'new', 'folder')
  const vpns = [...sim.state.vpns.values()]
  const first = phone('Moscow MTS 01')
  const withOne = sim.state.connections.get(vpns.find((v) => v.connectionId !== first.id)!.connectionId)!
  const without = phone('Moscow Tele2 02')
  expect(vpns.filter((v) => v.connectionId === first.id)).toHaveLength(2)
  expect(vpns.some((v) => v.connectionId === without.id)).toBe(false)

  const run = await h.bulk.done((await h.bulk.start({ action: { kind: 'ovpn', dir }, connectionIds: [first.id, withOne.id, without.id] })).id)
  expect(run.items.map((i) => [i.state, i.detail?.files])).toEqual([
    ['done', 2],
    ['done', 1],
    ['skipped', undefined],
  ])
  expect(run.items[2]!.code).toBe('no_vpn_access')
  const files = readdirSync(dir).sort()
  expect(files).toHaveLength(3)
  expect(files).toContain(`${first.name} - ${first.name} VPN.ovpn`)
  for (const f of files) expect(readFileSync(join(dir, f), 'utf8')).toMatch(/^client/m)

  // A config that would run a script when opened is not saved by a bulk run.
  const risky = Buffer.from('client\ndev tun\nup /tmp/x.sh\n')
  const vpn = vpns.find((v) => v.connectionId === withOne.id)!
  sim.faults.add({
    path: `/connections/${withOne.id}/ovpn-access/${vpn.id}/config`,
    fault: { kind: 'json', body: { config_base64: risky.toString('base64'), config_sha1: createHash('sha1').update(risky).digest('hex') } },
  })
  const other = join(tempDir(), 'risky')
  const held = await actionsOf(h).run({ kind: 'ovpn', dir: other }, withOne.id, never)
  expect(held).toMatchObject({ outcome: 'failed', code: 'ovpn_scripts_held_back', detail: { files: 0, heldBack: 1 } })
  expect(readdirSync(other)).toEqual([])
})

test('check: ok when every proxy passed; an offline phone fails with how many', async () => {
  h = await bulkHarness(sim)
  const online = phone('Moscow MTS 01')
  const offline = phone('Kazan MTS (old)')
  const actions = actionsOf(h)
  const ok = await actions.run({ kind: 'check' }, online.id, never)
  const proxies = [...sim.state.proxies.values()].filter((p) => p.connectionId === online.id).length
  expect(ok).toEqual({ outcome: 'ok', detail: { proxies, passed: proxies, exitIp: online.ip!.ipv4 } })
  const failed = await actions.run({ kind: 'check' }, offline.id, never)
  expect(failed.outcome).toBe('failed')
  expect(failed.reason).toMatch(/^\d+ of \d+ proxies failed the check: /)
  expect(failed.detail).toMatchObject({ passed: 0 })
})

test('toggle_proxy carries its flag; a gone connection fails with the API\'s words', async () => {
  h = await bulkHarness(sim)
  const target = phone('London EE')
  const actions = actionsOf(h)
  expect(await actions.run({ kind: 'command', command: 'toggle_proxy', enabled: false }, target.id, never)).toMatchObject({ outcome: 'ok', detail: { command: 'toggle_proxy', enabled: false } })
  expect(target.proxyEnabled).toBe(false)
  await actions.run({ kind: 'command', command: 'toggle_proxy', enabled: true }, target.id, never)
  expect(target.proxyEnabled).toBe(true)
  const gone = await actions.run({ kind: 'command', command: 'reboot' }, 'gone-connection', never)
  expect(gone).toMatchObject({ outcome: 'failed', code: 'not_found' })
})

test('a change of IP outside a run is an action of its own, by whoever asked', async () => {
  h = await bulkHarness(sim)
  const target = phone('Berlin Telekom')
  const before = target.ip!.ipv4
  const result = await actionsOf(h).run({ kind: 'change_ip_verify' }, target.id, never, { by: 'rule' })
  expect(result).toMatchObject({ outcome: 'ok', detail: { status: 'changed', oldIp: before, newIp: target.ip!.ipv4 } })
  const events = h.store.events({ connectionId: target.id, from: 0, to: Date.now() + 1, kinds: ['action'] }).events
  expect(events).toEqual([expect.objectContaining({ action: 'change_ip', by: 'rule', outcome: 'ok' })])
  expect(events[0]).not.toHaveProperty('runId')
})

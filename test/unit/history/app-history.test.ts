/**
 * The history database inside the app: the demo core (real services, real handler table, the simulator) opens
 * history.sqlite in its data folder, records checks, status changes, exit IPs and actions as the page's calls pass,
 * and answers the `history` calls. Starting over a damaged file or an old health-history.json is covered too.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HISTORY_DB_FILE, IMPORTED_SUFFIX } from '../../../src/main/history'
import type { HealthHistoryEntry, HealthItemResult, RotateVerifyResult } from '../../../src/shared/health'
import type { BoardRow, ExitIpSummary, HistoryNotice, IpReuse, LatencySeries, Timeline } from '../../../src/shared/history'
import type { ConnectionStatus } from '../../../src/shared/iproxy'
import { simTargets } from '../health/support'
import { APP_PAGE, startDemoCore, type DemoCore } from '../main/demo-core'

const HOUR = 3_600_000

describe('the history in the running app (demo mode)', () => {
  let demo: DemoCore
  beforeAll(async () => {
    demo = await startDemoCore({ name: 'history-app' })
  })
  afterAll(() => demo.dispose())

  const since = () => ({ from: Date.now() - HOUR, to: Date.now() + HOUR })

  it('opens history.sqlite in the data folder, with nothing to tell the user', async () => {
    expect(existsSync(join(demo.dir, HISTORY_DB_FILE))).toBe(true)
    expect(await demo.call('history.takeNotice')).toBeNull()
    expect(await demo.call('history.retention')).toEqual({ days: 90 })
  })

  it('a check of an account proxy lands in its connection\'s timeline, latency, exit IPs and board row', async () => {
    const sim = await demo.core.demo.start()
    const [t] = simTargets(sim, 'socks5', 1)
    const r = await demo.call<HealthItemResult>('health.check', { item: { connectionId: t!.connectionId, proxyId: t!.proxyId } })
    expect(r.result.status, r.result.error).toBe('ok')

    // The health screen's dots read the same database.
    const dots = await demo.call<Record<string, HealthHistoryEntry[]>>('health.history', { keys: [t!.proxyId] })
    expect(dots[t!.proxyId]).toEqual([expect.objectContaining({ status: 'ok', exitIp: r.result.exitIp, checkedAt: r.result.checkedAt })])

    const timeline = await demo.call<Timeline>('history.timeline', { connectionId: t!.connectionId, ...since(), kinds: ['check'] })
    expect(timeline.events).toEqual([expect.objectContaining({ kind: 'check', proxyKey: t!.proxyId, status: 'ok', exitIp: r.result.exitIp })])
    const latency = await demo.call<LatencySeries>('history.latency', { connectionId: t!.connectionId, ...since(), maxPoints: 10 })
    expect(latency.points.reduce((n, p) => n + p.checks, 0)).toBe(1)
    const ips = await demo.call<ExitIpSummary[]>('history.exitIps', { connectionId: t!.connectionId })
    expect(ips).toEqual([expect.objectContaining({ ip: r.result.exitIp, sources: ['check'] })])
    const board = await demo.call<BoardRow[]>('history.board', {})
    expect(board.find((row) => row.connectionId === t!.connectionId)?.lastCheck).toEqual(expect.objectContaining({ ok: true, exitIp: r.result.exitIp }))
  })

  it('connections-status answers are stored as status changes, only when a status changed', async () => {
    const sim = await demo.core.demo.start()
    const [t] = simTargets(sim, 'http', 1)
    await demo.call('connections.list')
    await demo.call<ConnectionStatus[]>('connections.statuses')
    const conn = sim.state.connections.get(t!.connectionId)!
    conn.status = 'offline'
    conn.statusChangedAt = Date.now() - 1_000
    await demo.call('connections.statuses')
    await demo.call('connections.statuses')
    const statuses = await demo.call<Timeline>('history.timeline', { connectionId: t!.connectionId, from: 0, to: Date.now() + HOUR, kinds: ['status'] })
    expect(statuses.events.map((e) => (e.kind === 'status' ? e.status : e.kind))).toEqual(['offline', 'online'])
    const row = (await demo.call<BoardRow[]>('history.board', {})).find((b) => b.connectionId === t!.connectionId)!
    expect(row).toEqual(expect.objectContaining({ status: 'offline', statusSince: conn.statusChangedAt, name: conn.name }))
    conn.status = 'online'
  })

  it('change IP and verify records the action with its outcome and both exit IPs', async () => {
    const sim = await demo.core.demo.start()
    const [t] = simTargets(sim, 'socks5', 2).slice(1)
    const [r] = await demo.call<RotateVerifyResult[]>('health.rotateAndVerify', { connectionIds: [t!.connectionId], proxyId: t!.proxyId, timeoutMs: 20_000 })
    expect(r!.status, r!.message).toBe('changed')
    const actions = await demo.call<Timeline>('history.timeline', { connectionId: t!.connectionId, ...since(), kinds: ['action'] })
    expect(actions.events).toEqual([
      expect.objectContaining({ kind: 'action', action: 'change_ip', outcome: 'ok', by: 'user', detail: expect.objectContaining({ oldIp: r!.oldIp, newIp: r!.newIp }) }),
    ])
    const ips = (await demo.call<ExitIpSummary[]>('history.exitIps', { connectionId: t!.connectionId })).map((e) => e.ip)
    expect(ips).toEqual(expect.arrayContaining([r!.oldIp, r!.newIp]))
  })

  it('commands and settings changes are recorded with their outcome; a failed one with its error, still thrown', async () => {
    const sim = await demo.core.demo.start()
    const [t] = simTargets(sim, 'http', 1)
    await demo.call('connections.pushCommand', { connId: t!.connectionId, body: { action: 'reboot' } })
    await demo.call('connections.updateSettings', { connId: t!.connectionId, body: { prolongation_enabled: false } })
    await expect(demo.call('connections.pushCommand', { connId: 'no-such-phone', body: { action: 'reboot' } })).rejects.toThrow()
    const mine = await demo.call<Timeline>('history.timeline', { connectionId: t!.connectionId, ...since(), kinds: ['action'] })
    expect(mine.events.map((e) => e.kind === 'action' && [e.action, e.outcome])).toEqual(
      expect.arrayContaining([
        ['reboot', 'ok'],
        ['settings', 'ok'],
      ]),
    )
    expect(mine.events.find((e) => e.kind === 'action' && e.action === 'settings')).toEqual(expect.objectContaining({ detail: { prolongation_enabled: false } }))
    const failed = await demo.call<Timeline>('history.timeline', { connectionId: 'no-such-phone', ...since() })
    expect(failed.events).toEqual([expect.objectContaining({ kind: 'action', action: 'reboot', outcome: 'failed', error: expect.any(String) })])
  })

  it('the IP-reuse list names the connections sharing an exit IP', async () => {
    const sim = await demo.core.demo.start()
    const [a, b] = simTargets(sim, 'http', 2)
    // Two phones behind one address: the simulator hands b the IP a has.
    sim.state.connections.get(b!.connectionId)!.ip!.ipv4 = sim.state.connections.get(a!.connectionId)!.ip!.ipv4
    for (const t of [a, b]) await demo.call('health.check', { item: { connectionId: t!.connectionId, proxyId: t!.proxyId } })
    const shared = (await demo.call<IpReuse[]>('history.ipReuse', {})).filter((r) => r.kind === 'shared')
    expect(shared).toEqual([
      expect.objectContaining({
        ip: sim.state.connections.get(a!.connectionId)!.ip!.ipv4,
        connections: expect.arrayContaining([expect.objectContaining({ connectionId: a!.connectionId }), expect.objectContaining({ connectionId: b!.connectionId })]),
      }),
    ])
    const board = await demo.call<BoardRow[]>('history.board', {})
    expect(board.filter((row) => row.sharedIp).map((row) => row.connectionId).sort()).toEqual([a!.connectionId, b!.connectionId].sort())
  })

  it('inputs are bounded and checked: a too-large limit, a too-short window, a bad retention', async () => {
    for (const [channel, input] of [
      ['history.timeline', { from: 0, to: 1, limit: 1_000_000 }],
      ['history.ipReuse', { windowMs: 1 }],
      ['history.setRetention', { days: 0 }],
      ['history.exitIps', { connectionId: 'x'.repeat(200) }],
      ['history.board', { reuseWindowMs: 1, extra: true }],
    ] as const) {
      const answer = await demo.table.handle(channel, APP_PAGE, input)
      expect(answer.ok, channel).toBe(false)
      if (!answer.ok) expect(answer.error.code).toBe('validation')
    }
    expect(await demo.call('history.setRetention', { days: 30 })).toEqual({ days: 30 })
    expect(await demo.call('history.retention')).toEqual({ days: 30 })
  })
})

describe('starting over what the data folder holds', () => {
  it('a damaged history.sqlite is moved aside, the app starts, and the user is told once where the old file is', async () => {
    const demo = await startDemoCore({ name: 'history-corrupt', prepare: (dir) => writeFileSync(join(dir, HISTORY_DB_FILE), 'this is not a database, it is a note') })
    try {
      const notice = await demo.call<HistoryNotice | null>('history.takeNotice')
      expect(notice).toEqual(expect.objectContaining({ kind: 'corrupt', movedTo: expect.stringContaining(`${HISTORY_DB_FILE}.corrupt-`) }))
      expect(readFileSync(notice!.movedTo!, 'utf8')).toBe('this is not a database, it is a note')
      expect(await demo.call('history.takeNotice')).toBeNull()
      expect(await demo.call<BoardRow[]>('history.board', {})).toEqual([])
    } finally {
      await demo.dispose()
    }
  })

  it('health-history.json is imported at start, renamed, and its results shown on the health screen', async () => {
    const old = { 'proxy-1': [{ status: 'ok', checkedAt: new Date(Date.now() - 3_600_000).toISOString(), totalMs: 123.4, exitIp: '203.0.113.7', country: 'DE' }] }
    const demo = await startDemoCore({ name: 'history-import', prepare: (dir) => writeFileSync(join(dir, 'health-history.json'), JSON.stringify(old)) })
    try {
      expect(existsSync(join(demo.dir, 'health-history.json'))).toBe(false)
      expect(JSON.parse(readFileSync(join(demo.dir, `health-history.json${IMPORTED_SUFFIX}`), 'utf8'))).toEqual(old)
      expect(await demo.call('health.history', { keys: ['proxy-1'] })).toEqual(old)
    } finally {
      await demo.dispose()
    }
  })
})

/**
 * The history store on a real SQLite file in a temp folder: every record kind written, read back after the
 * store is closed and opened again, and every query (board, timeline, latency, exit IPs, IP reuse, recent checks)
 * against hand-computed answers.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { HISTORY_DB_FILE, openHistoryStore, type HistoryStore } from '../../../src/main/history'
import { DAY_MS } from '../../../src/shared/history'
import { check, HOUR, memoryLog, MIN, T0, tempDir } from './support'

async function open(dir: string, now: () => number = () => T0): Promise<HistoryStore> {
  return openHistoryStore(dir, { log: memoryLog().log, now })
}

describe('records', () => {
  test('checks: every field survives closing and opening the file again', async () => {
    const dir = tempDir()
    const store = await open(dir)
    expect(store.takeNotice()).toBeUndefined()
    expect(
      store.recordChecks([
        check('px1', 'c1', T0 + 1_000, { ip: '203.0.113.7', totalMs: 150.4 }),
        check('px1', 'c1', T0 + 2_000, { status: 'timeout', error: 'The proxy did not answer in time.', totalMs: 10_000 }),
        check('socks5://bob@198.51.100.2:1080', undefined, T0 + 3_000, { ip: '198.51.100.2' }),
      ]),
    ).toBe(3)
    await store.close()
    expect(existsSync(join(dir, HISTORY_DB_FILE))).toBe(true)

    const again = await open(dir)
    const timeline = again.connectionTimeline('c1', { from: T0, to: T0 + HOUR })
    expect(timeline.events.filter((e) => e.kind === 'check')).toEqual([
      { kind: 'check', at: T0 + 2_000, proxyKey: 'px1', status: 'timeout', ok: false, totalMs: 10_000, error: 'The proxy did not answer in time.' },
      { kind: 'check', at: T0 + 1_000, proxyKey: 'px1', status: 'ok', ok: true, totalMs: 150.4, exitIp: '203.0.113.7' },
    ])
    // A pasted line has no connection: it is in the fleet-wide list and its own proxy history only.
    const fleet = again.events({ from: T0, to: T0 + HOUR, kinds: ['check'] })
    expect(fleet.events.map((e) => [e.connectionId, e.kind === 'check' && e.proxyKey])).toEqual([
      [undefined, 'socks5://bob@198.51.100.2:1080'],
      ['c1', 'px1'],
      ['c1', 'px1'],
    ])
    expect(again.recentChecks(['px1', 'socks5://bob@198.51.100.2:1080', 'nothing'], 20)).toEqual({
      px1: [
        { status: 'ok', checkedAt: new Date(T0 + 1_000).toISOString(), totalMs: 150.4, exitIp: '203.0.113.7', country: 'DE' },
        { status: 'timeout', checkedAt: new Date(T0 + 2_000).toISOString(), totalMs: 10_000, country: 'DE' },
      ],
      'socks5://bob@198.51.100.2:1080': [{ status: 'ok', checkedAt: new Date(T0 + 3_000).toISOString(), totalMs: 150.4, exitIp: '198.51.100.2', country: 'DE' }],
    })
    await again.close()
  })

  test("a batch's checks of one phone make its IP stretches: counted, in time order whatever order they finish", async () => {
    const store = await open(tempDir())
    // Four proxies of c1 on one IP, then a new IP, then the first again; results arrive out of order. c2 in between.
    store.recordChecks([
      check('p3', 'c1', T0 + 3_000, { ip: '192.0.2.1' }),
      check('p1', 'c1', T0 + 1_000, { ip: '192.0.2.1' }),
      check('q1', 'c2', T0 + 1_500, { ip: '198.51.100.9' }),
      check('p5', 'c1', T0 + 5_000, { ip: '192.0.2.2' }),
      check('p2', 'c1', T0 + 2_000, { ip: '192.0.2.1' }),
      check('p4', 'c1', T0 + 4_000, { ip: '192.0.2.1' }),
      check('p6', 'c1', T0 + 6_000, { ip: '192.0.2.1' }),
    ])
    // The next batch: the latest IP seen again, and one check from before it (finished late: inside another stretch).
    store.recordChecks([check('p1', 'c1', T0 + 7_000, { ip: '192.0.2.1' }), check('p7', 'c1', T0 + 4_500, { ip: '192.0.2.2' })])
    const ips = store.exitIps('c1').map((e) => [e.ip, e.firstSeen, e.lastSeen, e.periods, e.sightings])
    expect(ips).toEqual([
      ['192.0.2.1', T0 + 1_000, T0 + 7_000, 2, 6],
      ['192.0.2.2', T0 + 4_500, T0 + 5_000, 1, 2],
    ])
    expect(store.exitIps('c2').map((e) => [e.ip, e.sightings])).toEqual([['198.51.100.9', 1]])
    await store.close()
  })

  test('a batch with one bad result is refused whole, naming it, and nothing of it is stored', async () => {
    const store = await open(tempDir())
    const bad = check('px2', 'c1', T0)
    bad.result.checkedAt = 'yesterday'
    expect(() => store.recordChecks([check('px1', 'c1', T0), bad])).toThrow('check 2 (px2): checkedAt "yesterday" is not a date')
    const badIp = check('px3', 'c1', T0, { ip: '300.1.1.1' })
    expect(() => store.recordChecks([badIp])).toThrow('exit IP "300.1.1.1" is not an IP address')
    expect(store.events({ from: 0, to: T0 + DAY_MS }).events).toEqual([])
    expect(store.board()).toEqual([])
    await store.close()
  })

  test('statuses: only changes are stored, at the time the API gives when it is plausible', async () => {
    const store = await open(tempDir())
    const at1 = T0 + 10 * MIN
    // First sight: online since the API says (before we looked).
    expect(store.recordStatuses([{ connection_id: 'c1', online_status: 'online', last_online_status_update: new Date(T0).toISOString() }], at1)).toBe(1)
    // The same status again: nothing new.
    expect(store.recordStatuses([{ connection_id: 'c1', online_status: 'online', last_online_status_update: new Date(T0).toISOString() }], at1 + MIN)).toBe(0)
    // A change whose API time is in the future of our clock: our time is used.
    expect(store.recordStatuses([{ connection_id: 'c1', online_status: 'offline', last_online_status_update: new Date(at1 + DAY_MS).toISOString() }], at1 + 2 * MIN)).toBe(1)
    // nodata carries no time: ours.
    expect(store.recordStatuses([{ connection_id: 'c1', online_status: 'nodata' }, { connection_id: 'c2', online_status: 'online' }], at1 + 3 * MIN)).toBe(2)
    expect(store.connectionTimeline('c1', { from: 0, to: T0 + DAY_MS }).events).toEqual([
      { kind: 'status', at: at1 + 3 * MIN, status: 'nodata' },
      { kind: 'status', at: at1 + 2 * MIN, status: 'offline' },
      { kind: 'status', at: T0, status: 'online' },
    ])
    expect(() => store.recordStatuses([{ connection_id: '', online_status: 'online' }], at1)).toThrow('status 1: connection_id and online_status are required')
    await store.close()
  })

  test('exit IPs: stretches with first and last seen, from checks, change-IP and the API’s IP history', async () => {
    const store = await open(tempDir())
    store.recordChecks([check('px1', 'c1', T0, { ip: '203.0.113.1' }), check('px1', 'c1', T0 + 15 * MIN, { ip: '203.0.113.1' })])
    store.recordExitIp('c1', '203.0.113.2', 'change_ip', T0 + HOUR)
    // An IPv6 sighting is its own family: not a change of the IPv4 address.
    store.recordChecks([check('px6', 'c1', T0 + HOUR + MIN, { ip: '2001:db8::1' })])
    store.recordChecks([check('px1', 'c1', T0 + 2 * HOUR, { ip: '203.0.113.2' })])
    // The API's history arrives later and reaches back before the first check.
    expect(
      store.recordIpHistory('c1', [
        { date: new Date(T0 - HOUR).toISOString(), ipv4: '203.0.113.1' },
        { date: new Date(T0 + 3 * HOUR).toISOString(), ipv4: '203.0.113.1', ipv6: '2001:db8::1' },
      ]),
    ).toBe(3)
    expect(store.exitIps('c1')).toEqual([
      { ip: '203.0.113.1', firstSeen: T0 - HOUR, lastSeen: T0 + 3 * HOUR, periods: 2, sightings: 4, sources: ['check', 'api'] },
      { ip: '2001:db8::1', firstSeen: T0 + HOUR + MIN, lastSeen: T0 + 3 * HOUR, periods: 1, sightings: 2, sources: ['check', 'api'] },
      { ip: '203.0.113.2', firstSeen: T0 + HOUR, lastSeen: T0 + 2 * HOUR, periods: 1, sightings: 2, sources: ['check', 'change_ip'] },
    ])
    const ipEvents = store.connectionTimeline('c1', { from: 0, to: T0 + DAY_MS }, 50).events.filter((e) => e.kind === 'ip')
    expect(ipEvents.map((e) => e.kind === 'ip' && [e.ip, e.at])).toEqual([
      ['203.0.113.1', T0 + 3 * HOUR],
      ['203.0.113.2', T0 + HOUR],
      ['2001:db8::1', T0 + HOUR + MIN],
      ['203.0.113.1', T0 - HOUR],
    ].sort((a, b) => (b[1] as number) - (a[1] as number)))
    expect(() => store.recordExitIp('c1', 'not-an-ip', 'check', T0)).toThrow('"not-an-ip" is not an IP address')
    await store.close()
  })

  test('actions: kind, detail (secrets masked), outcome and who did it', async () => {
    const store = await open(tempDir(), () => T0 + 5 * MIN)
    store.recordAction({ connectionId: 'c1', kind: 'change_ip', outcome: 'ok', by: 'rule', detail: 'after 3 failed checks' })
    store.recordAction({
      connectionId: 'c1',
      kind: 'settings',
      outcome: 'failed',
      error: 'The API refused the change.',
      by: 'user',
      at: T0,
      detail: { proxy: { login: 'bob', password: 'hunter2' }, api_key: 'k-123', name: 'Phone 1' },
    })
    expect(store.connectionTimeline('c1', { from: 0, to: T0 + HOUR }).events).toEqual([
      { kind: 'action', at: T0 + 5 * MIN, action: 'change_ip', detail: 'after 3 failed checks', outcome: 'ok', by: 'rule' },
      {
        kind: 'action',
        at: T0,
        action: 'settings',
        detail: { proxy: { login: 'bob', password: '***' }, api_key: '***', name: 'Phone 1' },
        outcome: 'failed',
        error: 'The API refused the change.',
        by: 'user',
      },
    ])
    await store.close()
  })
})

describe('queries', () => {
  test('board: status and since when, uptime over 24 h and 7 days, last check, IP changes, warnings', async () => {
    const now = T0 + 8 * DAY_MS
    const store = await open(tempDir(), () => now)
    // c1: online from T0; offline for 6 h two days ago; offline for the last 2 h.
    store.recordStatuses([{ connection_id: 'c1', online_status: 'online' }], T0)
    store.recordStatuses([{ connection_id: 'c1', online_status: 'offline' }], now - 2 * DAY_MS)
    store.recordStatuses([{ connection_id: 'c1', online_status: 'online' }], now - 2 * DAY_MS + 6 * HOUR)
    store.recordStatuses([{ connection_id: 'c1', online_status: 'offline' }], now - 2 * HOUR)
    // c2: first seen 12 h ago, online since: uptime over what was seen only.
    store.recordStatuses([{ connection_id: 'c2', online_status: 'online' }], now - 12 * HOUR)
    // c1's exit IPs over the last day: A (before the day), B, A again (a repeat), C. c2 gets C too (shared).
    store.recordChecks([check('p1', 'c1', now - 30 * HOUR, { ip: '192.0.2.1' })])
    store.recordChecks([check('p1', 'c1', now - 20 * HOUR, { ip: '192.0.2.2' })])
    store.recordChecks([check('p1', 'c1', now - 10 * HOUR, { ip: '192.0.2.1' })])
    store.recordChecks([check('p1', 'c1', now - HOUR, { ip: '192.0.2.3' }), check('p2', 'c2', now - HOUR + MIN, { ip: '192.0.2.3' })])
    store.recordChecks([check('p1', 'c1', now - 5 * MIN, { status: 'auth_failed', error: 'The proxy refused the login or password.', totalMs: 42 })])
    store.recordConnectionNames([{ connectionId: 'c1', name: 'Phone one' }])

    const rows = store.board()
    expect(rows).toHaveLength(2)
    const c1 = rows.find((r) => r.connectionId === 'c1')!
    expect(c1).toEqual({
      connectionId: 'c1',
      name: 'Phone one',
      status: 'offline',
      statusSince: now - 2 * HOUR,
      uptime24h: 22 / 24,
      uptime7d: (7 * 24 - 6 - 2) / (7 * 24),
      lastCheck: { at: now - 5 * MIN, status: 'auth_failed', ok: false, totalMs: 42, error: 'The proxy refused the login or password.' },
      // The last check saw no IP: the exit IP is the one seen last by any check.
      exitIp: { ip: '192.0.2.3', lastSeen: now - HOUR },
      ipChanges24h: 3,
      repeatedIp: true,
      sharedIp: true,
    })
    const c2 = rows.find((r) => r.connectionId === 'c2')!
    expect(c2).toMatchObject({ status: 'online', statusSince: now - 12 * HOUR, uptime24h: 1, uptime7d: 1, ipChanges24h: 0, repeatedIp: false, sharedIp: true })
    expect(c2.lastCheck).toEqual({ at: now - HOUR + MIN, status: 'ok', ok: true, totalMs: 150.4, exitIp: '192.0.2.3' })
    expect(c2.exitIp).toEqual({ ip: '192.0.2.3', lastSeen: now - HOUR + MIN })

    // A day later the repeat and the sharing are out of the 24 h window.
    const later = store.board(now + 2 * DAY_MS).find((r) => r.connectionId === 'c1')!
    expect([later.repeatedIp, later.sharedIp, later.ipChanges24h, later.uptime24h]).toEqual([false, false, 0, 0])
    await store.close()
  })

  test('IP reuse: shared at overlapping times, back on one connection within the window, not when further apart', async () => {
    const now = T0 + DAY_MS
    const store = await open(tempDir(), () => now)
    // Shared: c1 has X for 2 hours, c2 is seen with X in the middle of it.
    store.recordChecks([check('p1', 'c1', now - 3 * HOUR, { ip: '198.51.100.10' })])
    store.recordChecks([check('p2', 'c2', now - 2 * HOUR, { ip: '198.51.100.10' })])
    store.recordChecks([check('p1', 'c1', now - HOUR, { ip: '198.51.100.10' })])
    // Not shared: c3 had Y a week ago, c4 has it now.
    store.recordChecks([check('p3', 'c3', now - 7 * DAY_MS, { ip: '198.51.100.20' })])
    store.recordChecks([check('p4', 'c4', now - HOUR, { ip: '198.51.100.20' })])
    // Repeat: c5 has Z, then W, then Z again 5 hours later. c6's Z comes back after 3 days: outside the window.
    store.recordChecks([check('p5', 'c5', now - 8 * HOUR, { ip: '198.51.100.30' })])
    store.recordChecks([check('p5', 'c5', now - 6 * HOUR, { ip: '198.51.100.31' })])
    store.recordChecks([check('p5', 'c5', now - 3 * HOUR, { ip: '198.51.100.30' })])
    store.recordChecks([check('p6', 'c6', now - 3 * DAY_MS, { ip: '198.51.100.40' })])
    store.recordChecks([check('p6', 'c6', now - 2 * DAY_MS, { ip: '198.51.100.41' })])
    store.recordChecks([check('p6', 'c6', now - 2 * HOUR, { ip: '198.51.100.40' })])
    store.recordConnectionNames([{ connectionId: 'c2', name: 'Phone two' }])

    expect(store.ipReuse()).toEqual([
      {
        ip: '198.51.100.10',
        kind: 'shared',
        connections: [
          { connectionId: 'c1', periods: [{ firstSeen: now - 3 * HOUR, lastSeen: now - HOUR }] },
          { connectionId: 'c2', name: 'Phone two', periods: [{ firstSeen: now - 2 * HOUR, lastSeen: now - 2 * HOUR }] },
        ],
      },
      {
        ip: '198.51.100.30',
        kind: 'repeat',
        connections: [
          {
            connectionId: 'c5',
            periods: [
              { firstSeen: now - 8 * HOUR, lastSeen: now - 8 * HOUR },
              { firstSeen: now - 3 * HOUR, lastSeen: now - 3 * HOUR },
            ],
          },
        ],
      },
    ])
    // A window of 4 days takes in c6's return, and c3/c4 stay apart (a week between them).
    const wide = store.ipReuse(4 * DAY_MS)
    expect(wide.map((e) => [e.kind, e.ip])).toEqual([
      ['shared', '198.51.100.10'],
      ['repeat', '198.51.100.30'],
      ['repeat', '198.51.100.40'],
    ])
    await store.close()
  })

  test('latency: checks averaged into buckets, failures counted apart from the latency figures', async () => {
    const store = await open(tempDir())
    store.recordChecks([
      check('p1', 'c1', T0, { totalMs: 100 }),
      check('p1', 'c1', T0 + 10 * MIN, { totalMs: 300 }),
      check('p1', 'c1', T0 + 20 * MIN, { status: 'timeout', totalMs: 10_000 }),
      check('p1', 'c1', T0 + 2 * HOUR, { status: 'refused', totalMs: 5 }),
      check('p1', 'c1', T0 + 3 * HOUR + 59 * MIN, { totalMs: 200 }),
    ])
    const series = store.latencySeries('c1', { from: T0, to: T0 + 4 * HOUR - 1 }, 4)
    expect(series).toEqual({
      bucketMs: HOUR,
      points: [
        { at: T0, checks: 3, failures: 1, avgMs: 200, minMs: 100, maxMs: 300 },
        { at: T0 + 2 * HOUR, checks: 1, failures: 1 },
        { at: T0 + 3 * HOUR, checks: 1, failures: 0, avgMs: 200, minMs: 200, maxMs: 200 },
      ],
    })
    expect(store.latencySeries('unknown', { from: T0, to: T0 + HOUR }).points).toEqual([])
    await store.close()
  })

  test('timeline: newest first across kinds, limited, says when it was cut', async () => {
    const store = await open(tempDir())
    store.recordStatuses([{ connection_id: 'c1', online_status: 'online' }], T0)
    store.recordChecks(Array.from({ length: 10 }, (_, i) => check('p1', 'c1', T0 + (i + 1) * MIN, { ip: '192.0.2.9' })))
    store.recordAction({ connectionId: 'c1', kind: 'reboot', outcome: 'ok', by: 'user', at: T0 + 30 * MIN })
    const all = store.connectionTimeline('c1', { from: T0, to: T0 + HOUR })
    expect(all.truncated).toBe(false)
    expect(all.events.map((e) => e.kind)).toEqual(['action', ...Array(10).fill('check'), 'ip', 'status'])
    const some = store.connectionTimeline('c1', { from: T0, to: T0 + HOUR }, 3)
    expect(some).toMatchObject({ truncated: true, events: [{ kind: 'action' }, { kind: 'check', at: T0 + 10 * MIN }, { kind: 'check', at: T0 + 9 * MIN }] })
    const onlyStatus = store.events({ connectionId: 'c1', from: T0, to: T0 + HOUR, kinds: ['status'] })
    expect(onlyStatus.events).toEqual([{ kind: 'status', at: T0, status: 'online' }])
    await store.close()
  })

  test('retention setting: 90 days unless set, kept in the file, invalid values refused', async () => {
    const dir = tempDir()
    const store = await open(dir)
    expect(store.retentionDays()).toBe(90)
    expect(store.setRetentionDays(30)).toBe(30)
    expect(() => store.setRetentionDays(0)).toThrow('Retention must be at least 1 day')
    expect(() => store.setRetentionDays(2.5)).toThrow('Retention must be a whole number of days')
    await store.close()
    const again = await open(dir)
    expect(again.retentionDays()).toBe(30)
    await again.close()
  })
})

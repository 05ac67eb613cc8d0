import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoConnectionId, openSession, type Session } from './harness'

let s: Session
const DAY = 86_400_000

beforeAll(async () => {
  s = await openSession()
})
afterAll(async () => {
  await s.close()
})

/** Whole UTC days ending at today's midnight, so every hour in the window is complete. */
function lastDays(days: number): { from: string; to: string } {
  const midnight = Math.floor(Date.now() / DAY) * DAY
  return { from: new Date(midnight - days * DAY).toISOString(), to: new Date(midnight).toISOString() }
}

describe('traffic', () => {
  it('by day: a month of data, the same answer for the same window, totals that add up', async () => {
    const id = demoConnectionId(s.sim)
    const window = lastDays(30)
    const first = await s.client.stats.trafficByDay(id, window)
    const second = await s.client.stats.trafficByDay(id, window)
    expect(second).toEqual(first)
    expect(first.daily_stats).toHaveLength(30)
    expect(first.daily_stats[0]?.date).toBe(`${window.from.slice(0, 10)}T00:00:00Z`)
    expect(first.total_in_bytes).toBe(first.daily_stats.reduce((sum, d) => sum + d.in_bytes, 0))
    expect(first.total_out_bytes).toBe(first.daily_stats.reduce((sum, d) => sum + d.out_bytes, 0))
    expect(first.total_in_bytes).toBeGreaterThan(first.total_out_bytes)
    expect(first.daily_stats.filter((d) => d.in_bytes > 0).length).toBeGreaterThan(25)
  })

  it('by day honours the time zone: buckets start at local midnight; unknown zones fall back to UTC', async () => {
    const id = demoConnectionId(s.sim)
    const window = lastDays(7)
    const utc = await s.client.stats.trafficByDay(id, window)
    const bangkok = await s.client.stats.trafficByDay(id, { ...window, timezone: 'Asia/Bangkok' })
    expect(bangkok.total_in_bytes).toBe(utc.total_in_bytes)
    // 00:00Z is 07:00 in Bangkok: the window touches 8 local days, the first and last partly.
    expect(bangkok.daily_stats).toHaveLength(8)
    expect(bangkok.daily_stats.every((d) => d.date.endsWith('T00:00:00+07:00'))).toBe(true)
    expect(bangkok.daily_stats.map((d) => d.in_bytes)).not.toEqual(utc.daily_stats.map((d) => d.in_bytes))
    const unknown = await s.client.stats.trafficByDay(id, { ...window, timezone: 'Mars/Olympus_Mons' })
    expect(unknown).toEqual(utc)
  })

  it('by hour and port: one entry per proxy port, summing to the connection\'s traffic', async () => {
    const id = demoConnectionId(s.sim)
    const window = lastDays(2)
    const ports = await s.client.stats.trafficByHourPort(id, window)
    const proxies = await s.client.proxies.listByConnection(id)
    expect(ports.map((p) => p.port).sort()).toEqual(proxies.map((p) => String(p.port)).sort())
    expect(ports.every((p) => p.hourly_stats.length === 48)).toBe(true)
    const byDay = await s.client.stats.trafficByDay(id, window)
    expect(ports.reduce((sum, p) => sum + p.total_in_bytes, 0)).toBe(byDay.total_in_bytes)
  })

  it('nothing before the connection existed or after now', async () => {
    const created = await s.client.connections.create({ name: 'new', country: 'de', city: 'ber' })
    const byDay = await s.client.stats.trafficByDay(created.id, lastDays(3))
    expect(byDay).toEqual({ total_in_bytes: 0, total_out_bytes: 0, daily_stats: [] })
    const id = demoConnectionId(s.sim)
    const future = await s.client.stats.trafficByDay(id, { from: new Date(Date.now() + DAY), to: new Date(Date.now() + 3 * DAY) })
    expect(future.daily_stats).toEqual([])
  })
})

describe('uptime', () => {
  it('an hourly UP/DOWN record; an offline phone is DOWN since it went offline; flapping ones mix', async () => {
    const window = lastDays(7)
    const online = await s.client.stats.uptime(demoConnectionId(s.sim), window)
    expect(online).toHaveLength(7 * 24)
    expect(online.filter((u) => u.status === 'UP').length).toBeGreaterThan(150)
    const offlineId = demoConnectionId(s.sim, 'offline')
    const wentDown = s.sim.state.connections.get(offlineId)?.statusChangedAt ?? 0
    const offline = await s.client.stats.uptime(offlineId, { from: new Date(wentDown + 3_600_000), to: new Date() })
    expect(offline.length).toBeGreaterThan(0)
    expect(offline.every((u) => u.status === 'DOWN')).toBe(true)
    const flapping = await s.client.stats.uptime(demoConnectionId(s.sim, 'flapping'), window)
    expect(new Set(flapping.map((u) => u.status))).toEqual(new Set(['UP', 'DOWN']))
  })
})

describe('IP history', () => {
  it('is stable between calls, chronological, from public carrier ranges, and ends at the current IP', async () => {
    const id = demoConnectionId(s.sim)
    const window = { from: new Date(Date.now() - 2 * DAY), to: new Date() }
    const first = await s.client.stats.ipHistory(id, window)
    expect(await s.client.stats.ipHistory(id, window)).toEqual(first)
    expect(first.length).toBeGreaterThan(4)
    const times = first.map((e) => Date.parse(e.date))
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    for (const e of first) expect(e.ipv4).not.toMatch(/^(0|10|127|169\.254|192\.168|172\.(1[6-9]|2\d|3[01])|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])|192\.0\.2|198\.51\.100|203\.0\.113)\./)
    expect(first.at(-1)?.ipv4).toBe(s.sim.state.connections.get(id)?.ip?.ipv4)
  })
})

/**
 * Traffic, uptime and IP history, generated rather than stored: every value is a pure function of the
 * connection's id and the hour (a seeded PRNG), so any `from`/`to` window can be answered and the same window
 * always gives the same answer. Only complete hours count (the current hour is not over yet), nothing exists
 * before the connection was created, and by-day buckets follow the requested IANA time zone.
 */
import { mobileIpv4, mobileIpv6 } from './geo'
import { createPrng, unitFor } from './prng'
import type { SimConnection, SimProxy } from './state/store'
import { iso } from './state/store'

export const HOUR_MS = 60 * 60 * 1000

/** Rough local offsets of the simulated countries, for a believable day/night traffic curve. */
const UTC_OFFSET_HOURS: Readonly<Record<string, number>> = {
  ru: 3, us: -5, gb: 0, de: 1, pl: 1, ua: 2, tr: 3, br: -3, th: 7,
}

interface HourWindow {
  first: number
  /** Exclusive. */
  end: number
}

/** Complete hours that start in [floorHour(from), to), not before the connection existed, none still running. */
function hoursOf(conn: SimConnection, fromMs: number, toMs: number, nowMs: number): HourWindow {
  const first = Math.max(Math.floor(fromMs / HOUR_MS), Math.floor(conn.createdAt / HOUR_MS)) * HOUR_MS
  const lastComplete = Math.floor(nowMs / HOUR_MS) * HOUR_MS
  return { first, end: Math.min(toMs, lastComplete) }
}

/** Whether the phone was up during the hour starting at `hourMs`. */
export function hourIsUp(conn: SimConnection, hourMs: number): boolean {
  if (!conn.device) return false
  if (hourMs >= conn.historyUntil) return conn.status === 'online' || (conn.status === 'flapping' && unitFor(`flap:${conn.id}:${hourMs}`) < 0.6)
  if (conn.status === 'offline' && hourMs + HOUR_MS > conn.statusChangedAt) return false
  return unitFor(`up:${conn.id}:${hourMs}`) >= conn.downRate
}

function diurnal(conn: SimConnection, hourMs: number): number {
  const local = (new Date(hourMs).getUTCHours() + (UTC_OFFSET_HOURS[conn.country] ?? 0) + 24) % 24
  // Quiet at night, peaking in the evening.
  return 0.25 + 0.75 * Math.max(0, Math.sin((Math.PI * (local - 6)) / 17))
}

export function hourTraffic(conn: SimConnection, hourMs: number): { in: number; out: number } {
  if (!hourIsUp(conn, hourMs) || conn.trafficPerHour <= 0) return { in: 0, out: 0 }
  const prng = createPrng(`traffic:${conn.id}:${hourMs}`)
  const inBytes = Math.round(conn.trafficPerHour * diurnal(conn, hourMs) * (0.4 + 1.2 * prng.next()))
  return { in: inBytes, out: Math.round(inBytes * (0.08 + 0.2 * prng.next())) }
}

// ------------------------------------------------------------------------------------------------------------
// Traffic by day, in a time zone
// ------------------------------------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>()

/** The formatter for an IANA zone; UTC for an empty or unknown one (as the API documents). */
function zoneFormatter(timezone: string | undefined): Intl.DateTimeFormat {
  const zone = timezone && timezone.trim() !== '' ? timezone.trim() : 'UTC'
  let formatter = formatters.get(zone)
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset',
      })
    } catch {
      // Not a zone this runtime knows (RangeError): the documented fallback is UTC.
      return zoneFormatter('UTC')
    }
    formatters.set(zone, formatter)
  }
  return formatter
}

interface LocalTime {
  day: string
  minutesIntoDay: number
  /** `Z` or `+03:00`. */
  offset: string
}

function localTime(ms: number, formatter: Intl.DateTimeFormat): LocalTime {
  const parts: Record<string, string> = {}
  for (const p of formatter.formatToParts(new Date(ms))) parts[p.type] = p.value
  const zone = (parts.timeZoneName ?? 'GMT').replace('GMT', '')
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    minutesIntoDay: Number(parts.hour) * 60 + Number(parts.minute),
    offset: zone === '' || zone === '+00:00' || zone === '-00:00' ? 'Z' : zone,
  }
}

export function trafficByDay(conn: SimConnection, fromMs: number, toMs: number, nowMs: number, timezone?: string) {
  const formatter = zoneFormatter(timezone)
  const { first, end } = hoursOf(conn, fromMs, toMs, nowMs)
  const days = new Map<string, { date: string; in_bytes: number; out_bytes: number }>()
  let totalIn = 0
  let totalOut = 0
  for (let h = first; h < end; h += HOUR_MS) {
    const t = hourTraffic(conn, h)
    const local = localTime(h, formatter)
    let bucket = days.get(local.day)
    if (!bucket) {
      // Labelled with the local midnight that starts the day, in that zone's offset.
      const midnight = localTime(h - local.minutesIntoDay * 60_000, formatter)
      bucket = { date: `${local.day}T00:00:00${midnight.offset}`, in_bytes: 0, out_bytes: 0 }
      days.set(local.day, bucket)
    }
    bucket.in_bytes += t.in
    bucket.out_bytes += t.out
    totalIn += t.in
    totalOut += t.out
  }
  return { total_in_bytes: totalIn, total_out_bytes: totalOut, daily_stats: [...days.values()] }
}

/** Each proxy's share of the connection's hourly traffic: the port totals add up to the connection's. */
export function trafficByHourPort(conn: SimConnection, proxies: readonly SimProxy[], fromMs: number, toMs: number, nowMs: number) {
  const { first, end } = hoursOf(conn, fromMs, toMs, nowMs)
  const ports = proxies.map((p) => ({
    proxy: p,
    weight: 0.2 + unitFor(`weight:${p.id}`),
    stat: { port: String(p.port), total_in_bytes: 0, total_out_bytes: 0, hourly_stats: [] as { date: string; in_bytes: number; out_bytes: number }[] },
  }))
  for (let h = first; h < end; h += HOUR_MS) {
    const live = ports.filter((p) => p.proxy.createdAt < h + HOUR_MS)
    if (live.length === 0) continue
    const t = hourTraffic(conn, h)
    const weights = live.reduce((sum, p) => sum + p.weight, 0)
    let leftIn = t.in
    let leftOut = t.out
    live.forEach((p, i) => {
      const last = i === live.length - 1
      const inBytes = last ? leftIn : Math.floor((t.in * p.weight) / weights)
      const outBytes = last ? leftOut : Math.floor((t.out * p.weight) / weights)
      leftIn -= inBytes
      leftOut -= outBytes
      p.stat.hourly_stats.push({ date: iso(h), in_bytes: inBytes, out_bytes: outBytes })
      p.stat.total_in_bytes += inBytes
      p.stat.total_out_bytes += outBytes
    })
  }
  return { port_stats: ports.map((p) => p.stat) }
}

export function uptime(conn: SimConnection, fromMs: number, toMs: number, nowMs: number) {
  if (!conn.device) return { uptime: [] }
  const { first, end } = hoursOf(conn, fromMs, toMs, nowMs)
  const entries: { date: string; status: string }[] = []
  for (let h = first; h < end; h += HOUR_MS) entries.push({ date: iso(h), status: hourIsUp(conn, h) ? 'UP' : 'DOWN' })
  return { uptime: entries }
}

// ------------------------------------------------------------------------------------------------------------
// IP history
// ------------------------------------------------------------------------------------------------------------

function slotStart(conn: SimConnection, slot: number): number {
  const period = conn.rotationMinutes * 60_000
  // Rotations do not land on the minute: a phone takes a while to re-register.
  return slot * period + Math.floor(unitFor(`slot:${conn.id}:${slot}`) * period * 0.25)
}

function slotIp(conn: SimConnection, slot: number): { ipv4: string; ipv6?: string } {
  const prng = createPrng(`ip:${conn.id}:${slot}`)
  const ipv4 = mobileIpv4(conn.carrier, prng)
  const ipv6 = mobileIpv6(conn.carrier, prng)
  return ipv6 === undefined ? { ipv4 } : { ipv4, ipv6 }
}

/** The generated exit in use at `ms` (before the simulator started): the demo's current IP at start. */
export function generatedIpAt(conn: SimConnection, ms: number): { ipv4: string; ipv6?: string } {
  const period = conn.rotationMinutes * 60_000
  let slot = Math.floor(ms / period)
  if (slotStart(conn, slot) > ms) slot -= 1
  return slotIp(conn, slot)
}

/** Oldest first: generated rotations before the simulator started, then the changes made since. */
export function ipHistory(conn: SimConnection, fromMs: number, toMs: number) {
  if (!conn.device) return { ip_history: [] }
  const period = conn.rotationMinutes * 60_000
  const start = Math.max(fromMs, conn.createdAt)
  const stop = Math.min(toMs, conn.historyUntil)
  const entries: { date: string; ipv4: string; ipv6?: string }[] = []
  for (let slot = Math.floor(start / period) - 1; slot * period < stop; slot++) {
    const at = slotStart(conn, slot)
    if (at >= start && at < stop) entries.push({ date: iso(at), ...slotIp(conn, slot) })
  }
  for (const change of conn.ipChanges) {
    if (change.at >= fromMs && change.at <= toMs) {
      entries.push({ date: iso(change.at), ipv4: change.ipv4, ...(change.ipv6 ? { ipv6: change.ipv6 } : {}) })
    }
  }
  return { ip_history: entries }
}

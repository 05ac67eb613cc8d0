/**
 * `iproxy history --json` and `iproxy ips --json` records: every field its kind documents (json-fields.ts), an
 * absent value as null, so a script can rely on the keys being there. Times are ms since the epoch, as the history
 * keeps them.
 */
import type { ExitIpSummary, IpReuse, TimelineEvent } from '../shared/history'

/** The fields each kind of history event carries after `kind`, `at` and `connectionId`. */
const TIMELINE_FIELDS = {
  status: ['status'],
  check: ['proxyKey', 'status', 'ok', 'totalMs', 'exitIp', 'error'],
  ip: ['ip', 'lastSeen', 'sources'],
  action: ['action', 'detail', 'outcome', 'error', 'by', 'runId'],
} as const satisfies Record<TimelineEvent['kind'], readonly string[]>

export function timelineRecord(event: TimelineEvent): Record<string, unknown> {
  const record: Record<string, unknown> = { kind: event.kind, at: event.at, connectionId: event.connectionId ?? null }
  const fields = event as unknown as Record<string, unknown>
  for (const field of TIMELINE_FIELDS[event.kind]) record[field] = fields[field] ?? null
  return record
}

export function exitIpRecord(ip: ExitIpSummary): Record<string, unknown> {
  return { ip: ip.ip, firstSeen: ip.firstSeen, lastSeen: ip.lastSeen, periods: ip.periods, sightings: ip.sightings, sources: ip.sources }
}

export function reuseRecord(reuse: IpReuse): Record<string, unknown> {
  return { ip: reuse.ip, kind: reuse.kind, connections: reuse.connections.map((c) => ({ connectionId: c.connectionId, name: c.name ?? null, periods: c.periods })) }
}

/**
 * How `iproxy check` prints: one line per proxy as its result arrives (a fixed-width row, or one JSON object per
 * line with --json), rejected list lines with their reasons, and a closing summary. The JSON field names are
 * part of the command's contract (see json-fields.ts): add fields, never rename them.
 */
import { HEALTH_STATUSES, type HealthItemResult, type HealthStatus, type RejectedListLine } from '../shared/health'
import type { Output } from './output'

export interface CheckResultRecord {
  type: 'result'
  key: string
  label: string
  /** The protocol the proxy answered in, when a list line did not say and both were tried; else null. */
  detectedProtocol: string | null
  connectionId: string | null
  connectionName: string | null
  proxyId: string | null
  ok: boolean
  status: HealthStatus
  error: string | null
  exitIp: string | null
  country: string | null
  city: string | null
  asn: string | null
  expectedIp: string | null
  ipMismatch: boolean | null
  connectMs: number | null
  handshakeMs: number | null
  firstByteMs: number | null
  totalMs: number
  checkedAt: string
}

export interface CheckSummary {
  type: 'summary'
  /** Proxies asked for (after rejected lines). */
  total: number
  /** Proxies with a result (not cancelled). */
  checked: number
  ok: number
  failed: number
  /** Not checked because of Ctrl-C. */
  cancelled: number
  rejectedLines: number
  interrupted: boolean
  seconds: number
  counts: Record<HealthStatus, number>
}

const ms = (v: number | undefined): number | null => (v === undefined ? null : Math.round(v))

export function resultRecord(item: HealthItemResult, names: ReadonlyMap<string, string>): CheckResultRecord {
  const r = item.result
  return {
    type: 'result',
    key: item.key,
    label: item.label,
    detectedProtocol: r.detectedProtocol ?? null,
    connectionId: item.connectionId ?? null,
    connectionName: (item.connectionId && names.get(item.connectionId)) || null,
    proxyId: item.proxyId ?? null,
    ok: r.ok,
    status: r.status,
    error: r.ok ? null : (r.error ?? null),
    exitIp: r.exitIp ?? null,
    country: r.geo?.country ?? null,
    city: r.geo?.city ?? null,
    asn: r.geo?.asn ?? null,
    expectedIp: r.expectedIp ?? null,
    ipMismatch: r.ipMismatch ?? null,
    connectMs: ms(r.timings.connectMs),
    handshakeMs: ms(r.timings.handshakeMs),
    firstByteMs: ms(r.timings.firstByteMs),
    totalMs: Math.round(r.timings.totalMs),
    checkedAt: r.checkedAt,
  }
}

const COLUMNS: Array<[string, number]> = [
  ['STATUS', 17],
  ['EXIT IP', 15],
  ['CC', 3],
  ['CONNECT', 8],
  ['HANDSHAKE', 9],
  ['1ST BYTE', 8],
  ['TOTAL', 8],
]

const right = (text: string, w: number) => text.padStart(w)
const left = (text: string, w: number) => text.padEnd(w)
const msText = (v: number | null) => (v === null ? '-' : `${v} ms`)

export function createCheckPrinter(out: Output, json: boolean) {
  let headerDone = false
  return {
    result(rec: CheckResultRecord) {
      if (json) return out.jsonLine(rec)
      if (!headerDone) {
        headerDone = true
        out.line(out.paint('bold', [...COLUMNS.map(([h, w], i) => (i < 3 ? left(h, w) : right(h, w))), 'PROXY'].join('  ')))
      }
      const cells = [
        out.paint(rec.ok ? (rec.ipMismatch ? 'yellow' : 'green') : 'red', left(rec.status, 17)),
        left(rec.exitIp ?? '-', 15),
        left(rec.country ?? '-', 3),
        right(msText(rec.connectMs), 8),
        right(msText(rec.handshakeMs), 9),
        right(msText(rec.firstByteMs), 8),
        right(msText(rec.totalMs), 8),
        rec.label + (rec.connectionName ? out.paint('dim', ` (${rec.connectionName})`) : ''),
      ]
      out.line(cells.join('  ') + (rec.ok ? (rec.ipMismatch ? out.paint('yellow', `  exit IP differs from ${rec.expectedIp}`) : '') : out.paint('dim', `  ${rec.error ?? ''}`)))
    },

    rejected(lines: readonly RejectedListLine[]) {
      for (const r of lines) {
        // The line itself is not echoed: it may hold a password. Its number finds it in the list.
        if (json) out.jsonLine({ type: 'rejected', lineNumber: r.lineNumber, code: r.code, reason: r.reason })
        else out.warn(`line ${r.lineNumber} skipped: ${r.reason}`)
      }
    },

    summary(s: CheckSummary) {
      if (json) return out.jsonLine(s)
      const failures = HEALTH_STATUSES.filter((st) => st !== 'ok' && st !== 'cancelled' && s.counts[st] > 0)
        .map((st) => `${s.counts[st]} ${st}`)
        .join(', ')
      const failedText = s.failed > 0 ? out.paint('red', `${s.failed} failed`) + (failures ? ` (${failures})` : '') : '0 failed'
      out.line(`${s.checked} of ${s.total} checked in ${s.seconds.toFixed(1)} s: ${out.paint(s.ok > 0 ? 'green' : undefined, `${s.ok} ok`)}, ${failedText}` + (s.rejectedLines > 0 ? `, ${s.rejectedLines} list lines skipped` : ''))
      if (s.interrupted) out.line(out.paint('yellow', `Interrupted: ${s.cancelled} not checked.`))
    },
  }
}

/**
 * What a failed check means for the user: `CheckFailure` (a failure the checker itself decided) and
 * `classifyError` (any other error: from the socket, the `socks` client, undici or TLS) → a HealthStatus with a
 * short detail. Shared by the echo check (check-proxy.ts) and the download (throughput.ts).
 */
import { HEALTH_STATUS_MESSAGES, type HealthStatus } from '../../shared/health'

/** A failure with the status it stands for. */
export class CheckFailure extends Error {
  constructor(
    readonly status: HealthStatus,
    detail?: string,
    readonly httpStatus?: number,
  ) {
    super(detail ?? HEALTH_STATUS_MESSAGES[status])
  }
}

/** The one-line message of `status`, with `detail` in brackets when it adds something. */
export function messageFor(status: HealthStatus, detail?: string): string {
  const base = HEALTH_STATUS_MESSAGES[status]
  const extra = detailFor(status, detail)
  return extra ? `${base} (${extra})` : base
}

/** `detail` when it adds something to the status's own message (the page shows it on hover, untranslated). */
export function detailFor(status: HealthStatus, detail?: string): string | undefined {
  return detail && detail !== HEALTH_STATUS_MESSAGES[status] ? detail : undefined
}

/** What a connection-level error means for the user. */
export function classifyError(err: unknown): { status: HealthStatus; detail?: string; httpStatus?: number } {
  if (err instanceof CheckFailure) {
    const out: { status: HealthStatus; detail?: string; httpStatus?: number } = { status: err.status, detail: err.message }
    if (err.httpStatus !== undefined) out.httpStatus = err.httpStatus
    return out
  }
  const chain: Array<{ code?: unknown; message?: unknown }> = []
  let cur: unknown = err
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    chain.push(cur as { code?: unknown; message?: unknown })
    cur = (cur as { cause?: unknown }).cause
  }
  for (const e of chain) {
    const code = typeof e.code === 'string' ? e.code : ''
    const message = typeof e.message === 'string' ? e.message : ''
    if (code === 'ECONNREFUSED') return { status: 'refused', detail: code }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') return { status: 'dns_failed', detail: code }
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN' || code === 'ENETDOWN' || code === 'EADDRNOTAVAIL') {
      return { status: 'unreachable', detail: code }
    }
    if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || /timed out/i.test(message)) return { status: 'timeout' }
    const tunnel = /Proxy response \((\d{3})\) !== 200/.exec(message)
    if (tunnel) {
      const status = Number(tunnel[1])
      if (status === 407 || status === 401) return { status: 'auth_failed', detail: `the proxy answered ${status}`, httpStatus: status }
      if (status === 502 || status === 503 || status === 504) {
        return { status: 'target_error', detail: `the proxy answered ${status} to the tunnel request`, httpStatus: status }
      }
      return { status: 'proxy_error', detail: `the proxy answered ${status} to the tunnel request`, httpStatus: status }
    }
    if (/Proxy Authentication Required \(407\)/.test(message)) return { status: 'auth_failed', detail: 'the proxy answered 407', httpStatus: 407 }
    if (/Socks5 Authentication failed/.test(message)) return { status: 'auth_failed', detail: 'SOCKS5 login rejected' }
    if (/no accepted authentication type/.test(message)) return { status: 'auth_failed', detail: 'the proxy accepts none of the offered login methods' }
    if (/Socks5 proxy rejected connection/.test(message)) return { status: 'target_error', detail: message }
    if (/Socks5|Socks4|Negotiation error/i.test(message)) return { status: 'proxy_error', detail: message }
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || /Socket closed|other side closed/i.test(message)) {
      return { status: 'proxy_error', detail: 'the connection was closed' }
    }
    if (code.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(message)) return { status: 'target_error', detail: message }
  }
  const first = chain[0]
  const detail = first && typeof first.message === 'string' ? first.message : String(err)
  return { status: 'proxy_error', detail }
}

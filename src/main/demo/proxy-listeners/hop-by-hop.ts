/**
 * Which headers a proxy passes on: everything but the ones that describe one hop (RFC 9110 section 7.6.1, plus
 * the proxy's own) and those the message's Connection header names.
 */
import type { IncomingHttpHeaders } from 'node:http'

/** Headers that describe one hop, never forwarded (RFC 9110 section 7.6.1, plus the proxy's own). */
const HOP_BY_HOP = new Set([
  'connection',
  'proxy-connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

export function forwardableHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  // Runs twice per forwarded request: no Set is built when no Connection header names anything.
  const connection = headers.connection
  const named = connection
    ? new Set(
        String(connection)
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      )
    : undefined
  const out: IncomingHttpHeaders = {}
  for (const name of Object.keys(headers)) {
    const value = headers[name]
    if (value !== undefined && !HOP_BY_HOP.has(name) && !named?.has(name)) out[name] = value
  }
  return out
}

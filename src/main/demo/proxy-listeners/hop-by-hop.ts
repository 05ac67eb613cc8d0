/**
 * Which headers a proxy passes on: everything but the ones that describe one hop (RFC 9110 section 7.6.1, plus
 * the proxy's own) and those the message's Connection header names. Headers stay raw (name, value, name, value…
 * as node:http's `rawHeaders`): in their order and case, duplicates as they came, as a real proxy passes them.
 */
import type { IncomingMessage } from 'node:http'

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

export function forwardableHeaders(raw: readonly string[]): string[] {
  // No Set is built when no Connection header names anything (the usual case).
  let named: Set<string> | undefined
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if ((raw[i] as string).toLowerCase() !== 'connection') continue
    for (const token of (raw[i + 1] as string).split(',')) {
      const name = token.trim().toLowerCase()
      if (name) (named ??= new Set()).add(name)
    }
  }
  const out: string[] = []
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase()
    if (!HOP_BY_HOP.has(name) && !named?.has(name)) out.push(raw[i] as string, raw[i + 1] as string)
  }
  return out
}

/**
 * The client's request headers as they go upstream: the forwardable ones, `Host: localhost` when it sent none,
 * and `Connection: close` (one upstream connection per forwarded request: its local port tells the exit).
 */
export function upstreamRequestHeaders(req: IncomingMessage): string[] {
  const headers = forwardableHeaders(req.rawHeaders)
  let host = false
  for (let i = 0; i < headers.length && !host; i += 2) host = (headers[i] as string).toLowerCase() === 'host'
  if (!host) headers.push('Host', 'localhost')
  headers.push('Connection', 'close')
  return headers
}

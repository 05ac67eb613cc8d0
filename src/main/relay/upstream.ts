/**
 * An upstream proxy a relay forwards through: from a pasted URL or an account's proxy access. Its password stays
 * here; everything shown or logged uses `label`, which never carries it.
 */
import type { ProxyAccess } from '../../shared/iproxy'

export interface Upstream {
  protocol: 'http' | 'socks5'
  host: string
  port: number
  username?: string
  password?: string
  /** `socks5://login@host:port`: for pages and logs. */
  label: string
  /** The account connection behind it, when it is a proxy access (switches are recorded against it). */
  connectionId?: string
}

export class UpstreamUrlError extends Error {}

const SCHEMES: Record<string, Upstream['protocol']> = { 'http:': 'http', 'socks5:': 'socks5', 'socks5h:': 'socks5', 'socks:': 'socks5' }

/** `socks5://user:pass@host:port` or `http://user:pass@host:port`; user and password percent-decoded. */
export function parseUpstreamUrl(text: string): Upstream {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw new UpstreamUrlError('not a proxy URL: write it as socks5://login:password@host:port or http://login:password@host:port')
  }
  const protocol = SCHEMES[url.protocol]
  if (!protocol) throw new UpstreamUrlError(`unsupported proxy scheme ${url.protocol.replace(/:$/, '')}: use socks5:// or http://`)
  if (!url.hostname || !url.port) throw new UpstreamUrlError('the proxy URL needs a host and a port')
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  return makeUpstream(protocol, host, Number(url.port), decode(url.username), decode(url.password))
}

/** The API's proxy access: its service, public host and port, and (userpass) login and password. */
export function upstreamFromAccess(access: ProxyAccess): Upstream {
  const protocol = access.listen_service === 'socks5' ? 'socks5' : 'http'
  const host = access.hostname || access.ip
  return { ...makeUpstream(protocol, host, access.port, access.auth?.login, access.auth?.password), connectionId: access.connection_id }
}

/** An upstream reference: a URL (has `://`) or a proxy access ID of the account, looked up in `accesses`. */
export function resolveUpstream(ref: string, accesses: () => Promise<readonly ProxyAccess[]>): Promise<Upstream> {
  if (ref.includes('://')) return Promise.resolve(parseUpstreamUrl(ref))
  return accesses().then((list) => {
    const access = list.find((p) => p.id === ref)
    if (!access) throw new UpstreamUrlError(`no proxy access ${ref} in the account (see "iproxy proxies")`)
    return upstreamFromAccess(access)
  })
}

export function makeUpstream(protocol: Upstream['protocol'], host: string, port: number, username?: string, password?: string): Upstream {
  const user = username ? `${encodeURIComponent(username)}@` : ''
  const hostPart = host.includes(':') ? `[${host}]` : host
  return {
    protocol,
    host,
    port,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    label: `${protocol}://${user}${hostPart}:${port}`,
  }
}

function decode(value: string): string | undefined {
  if (!value) return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}


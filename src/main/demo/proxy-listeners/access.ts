/**
 * The rules one proxy access imposes, compiled once per open/update so that every connection and request
 * checks the *current* rules: who may connect (ACL, expiry), with which credentials, and where to.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { BlockList, isIP } from 'node:net'
import { normalizeIp } from '../echo-server'

export type ListenService = 'socks5' | 'http'
export type AuthType = 'userpass' | 'noauth'

/** One proxy access as the simulator holds it (API field names translated to camelCase). */
export interface ProxyAccessDescription {
  id: string
  connectionId: string
  listenService: ListenService
  authType: AuthType
  login?: string
  password?: string
  /** When non-empty, only these client IPs (or CIDR ranges) may connect. */
  aclInboundIps?: string[]
  /** RFC 3339; `0001-01-01T00:00:00Z` (the API's "disabled" value) or absent means it never expires. */
  expiresAt?: string
}

export class InvalidAccessError extends Error {
  override name = 'InvalidAccessError'
}

export interface AccessRules {
  readonly description: Readonly<ProxyAccessDescription>
  readonly allowList: BlockList | undefined
  readonly expiresAtMs: number | undefined
  /** SHA-256 of the expected login and password, made once here rather than at every login attempt. */
  readonly credentialDigests: { readonly login: Buffer; readonly password: Buffer }
}

export type Admission = 'ok' | 'acl' | 'expired'

const NEVER_EXPIRES_MS = Date.parse('0001-01-01T00:00:00Z')

export function compileAccess(description: ProxyAccessDescription): AccessRules {
  const d = { ...description, aclInboundIps: description.aclInboundIps ? [...description.aclInboundIps] : undefined }
  if (!d.id) throw new InvalidAccessError('proxy access needs an id')
  if (!d.connectionId) throw new InvalidAccessError(`proxy access ${d.id} needs a connectionId`)
  if (d.listenService !== 'socks5' && d.listenService !== 'http') {
    throw new InvalidAccessError(`proxy access ${d.id}: listenService must be socks5 or http`)
  }
  if (d.authType !== 'userpass' && d.authType !== 'noauth') {
    throw new InvalidAccessError(`proxy access ${d.id}: authType must be userpass or noauth`)
  }
  if (d.authType === 'userpass' && (!d.login || d.password === undefined || d.password === '')) {
    throw new InvalidAccessError(`proxy access ${d.id}: userpass needs a login and a password`)
  }
  // RFC 1929 carries each of them in a one-byte length field.
  if (Buffer.byteLength(d.login ?? '') > 255 || Buffer.byteLength(d.password ?? '') > 255) {
    throw new InvalidAccessError(`proxy access ${d.id}: login and password are limited to 255 bytes`)
  }
  return {
    description: d,
    allowList: compileAcl(d.id, d.aclInboundIps),
    expiresAtMs: parseExpiry(d.id, d.expiresAt),
    credentialDigests: { login: digest(d.login ?? ''), password: digest(d.password ?? '') },
  }
}

function compileAcl(id: string, ips: string[] | undefined): BlockList | undefined {
  if (!ips || ips.length === 0) return undefined
  const list = new BlockList()
  for (const raw of ips) {
    const [address = '', prefix] = raw.trim().split('/')
    const ip = normalizeIp(address) ?? ''
    const family = isIP(ip)
    if (family === 0) throw new InvalidAccessError(`proxy access ${id}: "${raw}" is not an IP address`)
    const type = family === 4 ? 'ipv4' : 'ipv6'
    if (prefix === undefined) {
      list.addAddress(ip, type)
    } else {
      const bits = Number(prefix)
      if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) {
        throw new InvalidAccessError(`proxy access ${id}: "${raw}" has an invalid prefix length`)
      }
      list.addSubnet(ip, bits, type)
    }
  }
  return list
}

function parseExpiry(id: string, expiresAt: string | undefined): number | undefined {
  if (expiresAt === undefined || expiresAt === '') return undefined
  const ms = Date.parse(expiresAt)
  if (Number.isNaN(ms)) throw new InvalidAccessError(`proxy access ${id}: expiresAt "${expiresAt}" is not RFC 3339`)
  return ms <= NEVER_EXPIRES_MS ? undefined : ms
}

/** Whether a client at `remoteAddress` may use the access now. */
export function admitClient(rules: AccessRules, remoteAddress: string | undefined, nowMs: number): Admission {
  if (rules.expiresAtMs !== undefined && nowMs >= rules.expiresAtMs) return 'expired'
  if (rules.allowList) {
    const ip = normalizeIp(remoteAddress)
    const family = ip ? isIP(ip) : 0
    if (!ip || family === 0 || !rules.allowList.check(ip, family === 4 ? 'ipv4' : 'ipv6')) return 'acl'
  }
  return 'ok'
}

/**
 * admitClient for a connected socket. The peer address is asked of the socket (a system call) only when there
 * is an allow-list to check it against: most accesses have none.
 */
export function admitSocket(rules: AccessRules, socket: { readonly remoteAddress?: string | undefined }, nowMs: number): Admission {
  return admitClient(rules, rules.allowList ? socket.remoteAddress : undefined, nowMs)
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

/** Constant-time comparison of both fields; `noauth` accepts anything (even credentials offered anyway). */
export function credentialsMatch(rules: AccessRules, login: string, password: string): boolean {
  if (rules.description.authType === 'noauth') return true
  const expected = rules.credentialDigests
  const loginOk = timingSafeEqual(digest(login), expected.login)
  const passwordOk = timingSafeEqual(digest(password), expected.password)
  return loginOk && passwordOk
}

/** Parses an HTTP `Proxy-Authorization: Basic ...` header. */
export function parseBasicAuth(header: string | undefined): { login: string; password: string } | undefined {
  if (!header) return undefined
  const match = /^\s*basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header)
  if (!match?.[1]) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return { login: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/**
 * The only targets the simulator's proxies reach: loopback addresses and the name `localhost`.
 * They are a demo, never an open proxy. Other names are refused without a DNS lookup.
 */
export function isLoopbackTarget(host: string): boolean {
  // The form nearly every request names, answered before the normalisation below (which says the same of it).
  if (host === LOOPBACK_V4) return true
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '')
  if (h === 'localhost') return true
  const ip = normalizeIp(h) ?? ''
  if (isIP(ip) === 4) return ip.startsWith('127.')
  if (isIP(ip) === 6) return loopbackV6.check(ip, 'ipv6')
  return false
}

const LOOPBACK_V4 = '127.0.0.1'
const loopbackV6 = new BlockList()
loopbackV6.addAddress('::1', 'ipv6')

/** Where to actually connect for a loopback target: `localhost` is pinned to 127.0.0.1, with no resolver involved. */
export function connectHostFor(host: string): string {
  if (host === LOOPBACK_V4) return host
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '')
  if (h === 'localhost') return '127.0.0.1'
  return normalizeIp(h) ?? h
}

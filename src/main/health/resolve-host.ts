/**
 * Proxy host names (a pasted list may name hundreds of them) are resolved here, not by node's default lookup:
 * that calls getaddrinfo on libuv's thread pool (4 threads), so a slow DNS server blocked every file read and
 * keychain call queued behind it, for as long as the system's resolver takes to give up. node:dns's Resolver
 * asks the DNS servers itself (c-ares, no thread pool), with a timeout of its own; answers are kept for a minute
 * in a small cache, so a batch with one host name many times asks once (and lookups in flight are shared).
 *
 * IP literals are used as they are; "localhost" (and *.localhost, RFC 6761) is 127.0.0.1 without asking DNS,
 * which c-ares would do (it reads no hosts file for these queries).
 */
import { promises as dns } from 'node:dns'
import { isIP } from 'node:net'

export const DNS_TIMEOUT_MS = 5_000
export const DNS_CACHE_MS = 60_000
const DNS_CACHE_ENTRIES = 512

/** Why a host name did not resolve: `code` ENOTFOUND (no such name or no address) or ETIMEOUT. */
export class HostLookupError extends Error {
  override name = 'HostLookupError'
  constructor(
    readonly code: 'ENOTFOUND' | 'ETIMEOUT' | string,
    message: string,
  ) {
    super(message)
  }
}

export type LookupAddress = (host: string) => Promise<string>

export interface HostResolverOptions {
  timeoutMs?: number
  cacheMs?: number
  /** DNS servers instead of the system's (`127.0.0.1:5353`): tests. */
  servers?: string[]
  /** Replaces the DNS query itself (tests of the timeout and cache logic). */
  lookup?: LookupAddress
  now?: () => number
}

/** The system's DNS servers through c-ares: an IPv4 address, else an IPv6 one. */
function dnsLookup(timeoutMs: number, servers: string[] | undefined): LookupAddress {
  const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 1 })
  if (servers) resolver.setServers(servers)
  return async (host) => {
    try {
      const [v4] = await resolver.resolve4(host)
      if (v4) return v4
    } catch (err) {
      // No A record (ENODATA) may still mean an AAAA one; anything else (no such name, no answer) is final.
      if ((err as { code?: string }).code !== 'ENODATA') throw err
    }
    const [v6] = await resolver.resolve6(host)
    if (v6) return v6
    throw new HostLookupError('ENOTFOUND', `${host} has no address`)
  }
}

export function createHostResolver(options: HostResolverOptions = {}): (host: string) => Promise<string> {
  const timeoutMs = options.timeoutMs ?? DNS_TIMEOUT_MS
  const cacheMs = options.cacheMs ?? DNS_CACHE_MS
  const now = options.now ?? Date.now
  const lookup = options.lookup ?? dnsLookup(timeoutMs, options.servers)
  const cache = new Map<string, { at: number; address: Promise<string> }>()

  /** `lookup`, failing with ETIMEOUT at the deadline even if the query itself would go on. */
  function lookupWithin(host: string): Promise<string> {
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HostLookupError('ETIMEOUT', `no answer from DNS for ${host} within ${timeoutMs / 1000} s`)), timeoutMs)
    })
    return Promise.race([lookup(host), deadline])
      .catch((err: unknown) => {
        if (err instanceof HostLookupError) throw err
        const code = String((err as { code?: unknown }).code ?? 'ENOTFOUND')
        throw new HostLookupError(code, code === 'ETIMEOUT' ? `no answer from DNS for ${host} within ${timeoutMs / 1000} s` : `${host} could not be resolved (${code})`)
      })
      .finally(() => clearTimeout(timer))
  }

  return (raw) => {
    const host = raw.replace(/^\[|\]$/g, '').toLowerCase()
    if (isIP(host) !== 0) return Promise.resolve(host)
    if (host === 'localhost' || host.endsWith('.localhost')) return Promise.resolve('127.0.0.1')
    const known = cache.get(host)
    if (known && now() - known.at < cacheMs) return known.address
    if (known) cache.delete(host)
    if (cache.size >= DNS_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string)
    const address = lookupWithin(host)
    cache.set(host, { at: now(), address })
    // A failure is not remembered: the next check asks again.
    address.catch(() => {
      if (cache.get(host)?.address === address) cache.delete(host)
    })
    return address
  }
}

let shared: ((host: string) => Promise<string>) | undefined

/** The app's one resolver (one cache for every batch). */
export function sharedHostResolver(): (host: string) => Promise<string> {
  shared ??= createHostResolver()
  return shared
}

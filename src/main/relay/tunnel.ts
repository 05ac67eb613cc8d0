/**
 * Opens one TCP tunnel to host:port through an upstream proxy, the destination's name resolved by the upstream
 * (no DNS query leaves this computer for it): SOCKS5 with the `socks` client (domain-name address type for
 * names), HTTP with node:http's CONNECT carrying the name. Failures come back as a TunnelError whose `kind`
 * says whose fault it was, which the listeners turn into a 502 or a SOCKS5 reply code and failover counts.
 */
import { request } from 'node:http'
import type { Socket } from 'node:net'
import { SocksClient } from 'socks'
import { TUNNEL_FAILURE_TEXT, type TunnelFailure } from '../../shared/relay'
import type { Upstream } from './upstream'

export class TunnelError extends Error {
  constructor(
    readonly kind: TunnelFailure,
    detail: string,
  ) {
    super(`${TUNNEL_FAILURE_TEXT[kind]}${detail ? ` (${detail})` : ''}`)
  }

  /** The upstream itself failed (not the destination): counts toward marking it down. */
  get upstreamFault(): boolean {
    return this.kind === 'upstream_refused' || this.kind === 'upstream_auth' || this.kind === 'upstream_timeout'
  }
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000

export function openTunnel(upstream: Upstream, host: string, port: number, timeoutMs = DEFAULT_CONNECT_TIMEOUT_MS): Promise<Socket> {
  return upstream.protocol === 'socks5' ? socksTunnel(upstream, host, port, timeoutMs) : httpTunnel(upstream, host, port, timeoutMs)
}

async function socksTunnel(upstream: Upstream, host: string, port: number, timeoutMs: number): Promise<Socket> {
  try {
    const { socket } = await SocksClient.createConnection({
      proxy: {
        host: upstream.host,
        port: upstream.port,
        type: 5,
        ...(upstream.username ? { userId: upstream.username, password: upstream.password ?? '' } : {}),
      },
      command: 'connect',
      destination: { host, port },
      timeout: timeoutMs,
    })
    socket.setNoDelay(true)
    return socket
  } catch (err) {
    throw socksFailure(err instanceof Error ? err.message : String(err), upstream)
  }
}

function socksFailure(message: string, upstream: Upstream): TunnelError {
  const where = `${upstream.host}:${upstream.port}`
  if (/authentication failed|no accepted authentication/i.test(message)) return new TunnelError('upstream_auth', where)
  if (/timed out|ETIMEDOUT/i.test(message)) return new TunnelError('upstream_timeout', where)
  if (/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|Socket closed/i.test(message)) return new TunnelError('upstream_refused', where)
  if (/HostUnreachable|NetworkUnreachable|TTLExpired/.test(message)) return new TunnelError('target_unreachable', 'SOCKS5 upstream reply')
  if (/ConnectionRefused/.test(message)) return new TunnelError('target_refused', 'SOCKS5 upstream reply')
  return new TunnelError('general', where)
}

function httpTunnel(upstream: Upstream, host: string, port: number, timeoutMs: number): Promise<Socket> {
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`
  const headers: Record<string, string> = { host: authority }
  if (upstream.username) {
    headers['proxy-authorization'] = `Basic ${Buffer.from(`${upstream.username}:${upstream.password ?? ''}`).toString('base64')}`
  }
  const where = `${upstream.host}:${upstream.port}`
  return new Promise<Socket>((resolve, reject) => {
    const req = request({ host: upstream.host, port: upstream.port, method: 'CONNECT', path: authority, headers, agent: false, setHost: false })
    const timer = setTimeout(() => {
      req.destroy()
      reject(new TunnelError('upstream_timeout', where))
    }, timeoutMs)
    req.once('connect', (res, socket, head) => {
      clearTimeout(timer)
      const status = res.statusCode ?? 0
      if (status === 200) {
        if (head.length > 0) socket.unshift(head)
        socket.setNoDelay(true)
        resolve(socket)
        return
      }
      socket.destroy()
      if (status === 407 || status === 401) reject(new TunnelError('upstream_auth', `${where} answered ${status}`))
      else if (status === 502 || status === 503 || status === 504 || status === 404) reject(new TunnelError('target_unreachable', `${where} answered ${status}`))
      else reject(new TunnelError('general', `${where} answered ${status}`))
    })
    // A proxy that answers CONNECT with a plain response (no upgrade) lands here.
    req.once('response', (res) => {
      clearTimeout(timer)
      res.resume()
      req.destroy()
      const status = res.statusCode ?? 0
      reject(new TunnelError(status === 407 || status === 401 ? 'upstream_auth' : 'general', `${where} answered ${status}`))
    })
    req.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      const code = err.code ?? ''
      if (code === 'ETIMEDOUT') reject(new TunnelError('upstream_timeout', where))
      else if (['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'].includes(code)) reject(new TunnelError('upstream_refused', `${where}: ${code}`))
      else reject(new TunnelError('general', `${where}: ${code || err.message}`))
    })
    req.end()
  })
}

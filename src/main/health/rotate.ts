/**
 * Change IP and verify: read the connection's exit IP through one of its proxies, send `changeip`, then check
 * through the same proxy until the exit IP differs (and, when the connection has ip_change_wait_unique on, until
 * it is not one of its recent IPs), or the time is up. What no ordinary proxy checker does for mobile proxies.
 */
import { performance } from 'node:perf_hooks'
import type { HealthCheckResult, HealthTarget, RotateVerifyResult } from '../../shared/health'
import type { ProxyAccess } from '../../shared/iproxy'
import type { IproxyClient } from '../iproxy'

export interface RotateDeps {
  client: IproxyClient
  /** One check through the proxy (the service's checker, with its echo URLs and timeout). */
  check: (target: HealthTarget, signal: AbortSignal) => Promise<HealthCheckResult>
  /** Milliseconds between checks after the command (2 s by default). */
  pollMs?: number
  now?: () => number
}

export interface RotateOptions {
  proxyId?: string
  timeoutMs?: number
  signal?: AbortSignal
}

export const DEFAULT_ROTATE_TIMEOUT_MS = 120_000

export function targetOfAccess(p: ProxyAccess): HealthTarget {
  const target: HealthTarget = {
    protocol: p.listen_service === 'socks5' ? 'socks5' : 'http',
    host: p.hostname || p.ip,
    port: p.port,
  }
  if (p.auth_type === 'userpass' && p.auth) {
    target.username = p.auth.login
    target.password = p.auth.password
  }
  return target
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })

export async function rotateAndVerify(deps: RotateDeps, connectionId: string, options: RotateOptions = {}): Promise<RotateVerifyResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_ROTATE_TIMEOUT_MS
  const pollMs = deps.pollMs ?? 2_000
  const controller = new AbortController()
  const onAbort = () => controller.abort()
  options.signal?.addEventListener('abort', onAbort, { once: true })
  const signal = controller.signal
  const base = { connectionId, seconds: 0, attempts: 0 }
  const fail = (status: RotateVerifyResult['status'], message: string, extra: Partial<RotateVerifyResult> = {}): RotateVerifyResult => ({
    ...base,
    ok: false,
    status,
    message,
    ...extra,
  })
  if (options.signal?.aborted) controller.abort()
  try {
    if (signal.aborted) return fail('cancelled', 'Cancelled.')
    let proxies: ProxyAccess[]
    try {
      proxies = await deps.client.proxies.listByConnection(connectionId, { signal })
    } catch (err) {
      if (signal.aborted) return fail('cancelled', 'Cancelled.')
      return fail('no_proxy', `Could not list the connection's proxies: ${errorText(err)}`)
    }
    const proxy = options.proxyId ? proxies.find((p) => p.id === options.proxyId) : proxies[0]
    if (!proxy) {
      return fail('no_proxy', options.proxyId ? 'That proxy is not one of this connection’s proxies.' : 'This connection has no proxy to check through. Create one first.')
    }
    const target = targetOfAccess(proxy)
    const withProxy = { proxyId: proxy.id }

    let waitUnique = false
    let lookbehindMinutes = 0
    try {
      const conn = await deps.client.connections.get(connectionId, { signal })
      waitUnique = conn.settings.ip_change_wait_unique === true
      lookbehindMinutes = conn.settings.ip_change_wait_unique_lookbehind_minutes
    } catch {
      // Without the settings, "differs from the old IP" is still checked.
    }

    const before = await deps.check(target, signal)
    if (signal.aborted) return fail('cancelled', 'Cancelled.', withProxy)
    if (!before.ok || !before.exitIp) {
      return fail('check_failed', `Could not read the current exit IP before changing it: ${before.error ?? before.status}`, withProxy)
    }
    const oldIp = before.exitIp

    const recent = new Set<string>([oldIp])
    if (waitUnique) {
      const minutes = lookbehindMinutes > 0 ? lookbehindMinutes : 24 * 60
      const to = new Date()
      const from = new Date(to.getTime() - minutes * 60_000)
      try {
        for (const entry of await deps.client.stats.ipHistory(connectionId, { from, to })) {
          if (entry.ipv4) recent.add(entry.ipv4)
          if (entry.ipv6) recent.add(entry.ipv6)
        }
      } catch {
        // The old IP alone is still excluded.
      }
    }

    const started = performance.now()
    const seconds = () => Math.round((performance.now() - started) / 100) / 10
    try {
      await deps.client.connections.pushCommand(connectionId, { action: 'changeip' })
    } catch (err) {
      return fail('command_failed', `The change-IP command was not accepted: ${errorText(err)}`, { ...withProxy, oldIp, seconds: seconds() })
    }

    const deadline = started + timeoutMs
    let attempts = 0
    let lastSeen: string | undefined
    let lastError: string | undefined
    while (!signal.aborted) {
      const wait = Math.min(attempts === 0 ? Math.min(pollMs, 1_000) : pollMs, Math.max(0, deadline - performance.now()))
      await sleep(wait, signal)
      if (signal.aborted || performance.now() >= deadline) break
      attempts += 1
      const after = await deps.check(target, signal)
      if (after.ok && after.exitIp) {
        lastSeen = after.exitIp
        lastError = undefined
        if (after.exitIp !== oldIp && !(waitUnique && recent.has(after.exitIp))) {
          return {
            ...base,
            ...withProxy,
            ok: true,
            status: 'changed',
            message: `The exit IP changed from ${oldIp} to ${after.exitIp}.`,
            oldIp,
            newIp: after.exitIp,
            seconds: seconds(),
            attempts,
            waitedUnique: waitUnique,
          }
        }
      } else {
        // The phone is usually offline for a moment while it changes IP: keep trying until the deadline.
        lastError = after.error ?? after.status
      }
    }
    if (signal.aborted && performance.now() < deadline) {
      return fail('cancelled', 'Cancelled.', { ...withProxy, oldIp, seconds: seconds(), attempts })
    }
    const seen = lastSeen && lastSeen !== oldIp ? ` (last seen ${lastSeen}, used recently)` : lastSeen ? ` (still ${lastSeen})` : ''
    return fail(
      'timeout',
      `The exit IP did not change within ${Math.round(timeoutMs / 1000)} s${seen}.${lastError ? ` Last check: ${lastError}` : ''}`,
      { ...withProxy, oldIp, ...(lastSeen ? { lastIp: lastSeen } : {}), seconds: seconds(), attempts, waitedUnique: waitUnique },
    )
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
  }
}

/**
 * A pasted line that does not say its protocol (`host:port:login:password`, the form iProxy itself gives out for
 * SOCKS5 proxies) is checked as HTTP and, when the far end did not answer as an HTTP proxy, as SOCKS5; the result
 * says which one worked (`detectedProtocol`), so that copying the working proxies writes the right scheme.
 *
 * Why HTTP first, one after the other (measured with Debian's tinyproxy and Dante, test/support):
 * - an HTTP request sent to a SOCKS5 server fails at once: its first byte is not the SOCKS version 5, and the
 *   server closes the connection (Dante: ~3 ms, status `proxy_error`);
 * - a SOCKS5 greeting sent to an HTTP proxy is not a line of text, and the proxy keeps waiting for the rest of a
 *   request line until the check's timeout (tinyproxy: the full 8 s of the test's timeout). SOCKS5 first would
 *   make every HTTP proxy of a list cost a whole timeout before its real check;
 * - both at once would double the connections each proxy sees (and the slots of the global check limit) to save
 *   those few milliseconds.
 * A failure that is about the address (refused, unreachable, DNS, timeout) is the same in either protocol, so
 * the second protocol is not tried then: a dead line costs one check, not two.
 */
import type { HealthCheckResult, HealthStatus, HealthTarget, PastedTarget } from '../../shared/health'
import { messageFor } from './classify'

/** Statuses that show the far end spoke the protocol tried (it logged in, refused the login, or relayed). */
const SPOKE_THE_PROTOCOL: ReadonlySet<HealthStatus> = new Set(['ok', 'auth_failed', 'target_error', 'bad_echo_response'])

/**
 * Checks `target` in the protocol it names, or, for `auto`, HTTP then SOCKS5 as above. `check` is one check in
 * one protocol (with the echo fallback and the global limit of the service).
 */
export async function checkDetectingProtocol(target: PastedTarget, check: (target: HealthTarget) => Promise<HealthCheckResult>): Promise<HealthCheckResult> {
  if (target.protocol !== 'auto') return check({ ...target, protocol: target.protocol })
  const http = await check({ ...target, protocol: 'http' })
  if (SPOKE_THE_PROTOCOL.has(http.status)) return { ...http, detectedProtocol: 'http' }
  // Only a far end that answered, but not as an HTTP proxy, may be a SOCKS5 one.
  if (http.status !== 'proxy_error') return http
  const socks = await check({ ...target, protocol: 'socks5' })
  if (SPOKE_THE_PROTOCOL.has(socks.status)) return { ...socks, detectedProtocol: 'socks5' }
  if (socks.status !== 'proxy_error') return socks
  const neither = 'it answered neither as an HTTP nor as a SOCKS5 proxy'
  return { ...socks, error: messageFor('proxy_error', neither), reason: 'no_protocol', detail: neither }
}

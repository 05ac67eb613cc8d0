/**
 * The API drift report: every read-only endpoint of the docs (endpoints.ts) called once with the profile's own
 * client, each raw answer compared with the docs (compare.ts), and a one-line verdict. It writes nothing and
 * holds no value the API sent (shared/drift.ts), so "Check the API" and `iproxy doctor` can show it as it is and
 * "Copy diagnostics" can carry its summary.
 *
 * Answers are read through `client.getRaw` (a `z.unknown()` schema), i.e. the same transport (key, retries, size cap) as
 * every other call, but without the lenient parse that would hide the differences this report is for.
 * A rejected key is not a difference: it is thrown (IproxyAuthError), and the command line exits 3 on it.
 */
import type { DriftDifference, DriftEndpointResult, DriftReport } from '../../shared/drift'
import { statsRangeQuerySchema } from '../../shared/iproxy'
import { toRfc3339 } from '../../shared/validators'
import { IproxyError, IproxyResponseError } from '../iproxy/api-errors'
import type { IproxyClient } from '../iproxy/client'
import { compareAnswer } from './compare'
import { DRIFT_ENDPOINTS, type DriftEndpoint } from './endpoints'
import { maskIdentifier } from './mask'

const DAY_MS = 86_400_000

export interface DriftOptions {
  now?: () => Date
  signal?: AbortSignal
}

/** The first item's `id` of the list under `key`, when the answer has one (read leniently: this only picks ids). */
function firstId(json: unknown, key: string): string | undefined {
  const list = (json as Record<string, unknown> | null)?.[key]
  const first = Array.isArray(list) ? (list[0] as Record<string, unknown> | undefined) : undefined
  return typeof first?.id === 'string' && first.id !== '' ? first.id : undefined
}

function isAuthFailure(err: unknown, endpoint: DriftEndpoint): boolean {
  // A 401 anywhere, or any refusal of /me, is the key; a 403 on one resource may be a permission the docs omit.
  return err instanceof IproxyError && (err.status === 401 || (endpoint.path === '/me' && err.status === 403))
}

export function verdictOf(endpoints: readonly DriftEndpointResult[], differences: readonly DriftDifference[]): string {
  const read = endpoints.filter((e) => e.outcome === 'same' || e.outcome === 'differs').length
  const failed = endpoints.filter((e) => e.outcome === 'failed').length
  const skipped = endpoints.filter((e) => e.outcome === 'skipped').length
  const tail = `${failed > 0 ? `; ${failed} could not be read` : ''}${skipped > 0 ? `; ${skipped} skipped (nothing to read)` : ''}`
  if (differences.length === 0) return `Verdict: the API answered as documented at all ${read} endpoints read${tail}.`
  const differing = endpoints.filter((e) => e.outcome === 'differs').length
  const breaking = differences.filter((d) => d.breaks).length
  const breaks = breaking > 0 ? `, ${breaking} of them break what the app reads` : ', none of them breaks what the app reads'
  return `Verdict: ${differences.length} difference${differences.length === 1 ? '' : 's'} from the docs at ${differing} of ${read} endpoints${breaks}${tail}.`
}

export async function runDriftReport(client: IproxyClient, options: DriftOptions = {}): Promise<DriftReport> {
  const now = (options.now ?? (() => new Date()))()
  const ids: { connId?: string; ovpnId?: string } = {}
  const endpoints: DriftEndpointResult[] = []
  const differences: DriftDifference[] = []

  for (const endpoint of DRIFT_ENDPOINTS) {
    const missing = endpoint.needs === 'connection' ? !ids.connId : endpoint.needs === 'ovpn' ? !ids.connId || !ids.ovpnId : false
    if (missing) {
      const what = endpoint.needs === 'ovpn' ? 'the connection has no OpenVPN access' : 'the account has no connection'
      endpoints.push({ endpoint: endpoint.path, outcome: 'skipped', note: what })
      continue
    }
    const query = endpoint.periodDays
      ? { query: { from: toRfc3339(new Date(now.getTime() - endpoint.periodDays * DAY_MS)), to: toRfc3339(now) }, querySchema: statsRangeQuerySchema }
      : {}
    let json: unknown
    try {
      json = await client.getRaw(endpoint.path, { ids, ...query }, options.signal ? { signal: options.signal } : {})
    } catch (err) {
      if (isAuthFailure(err, endpoint)) throw err
      if (err instanceof IproxyResponseError && err.status >= 200 && err.status < 300) {
        differences.push({ endpoint: endpoint.path, kind: 'not-json', path: '', expected: 'JSON', received: 'not JSON', count: 1, breaks: true })
        endpoints.push({ endpoint: endpoint.path, outcome: 'differs', status: err.status })
      } else if (err instanceof IproxyError && err.status >= 300) {
        differences.push({ endpoint: endpoint.path, kind: 'status', path: '', expected: '200', received: String(err.status), count: 1, breaks: true })
        endpoints.push({ endpoint: endpoint.path, outcome: 'differs', status: err.status })
      } else {
        // No answer (network, timeout, cancel): not a difference from the docs, but the endpoint was not read.
        const code = err instanceof IproxyError ? err.code : 'unexpected_error'
        endpoints.push({ endpoint: endpoint.path, outcome: 'failed', note: code })
        if (err instanceof IproxyError && err.code === 'aborted') throw err
      }
      continue
    }
    if (endpoint.path === '/connections') ids.connId = firstId(json, 'connections')
    if (endpoint.path === '/connections/{connId}/ovpn-access') ids.ovpnId = firstId(json, 'ovpn_accesses')
    const found = compareAnswer(endpoint.path, endpoint.schema, json)
    differences.push(...found)
    endpoints.push({ endpoint: endpoint.path, outcome: found.length > 0 ? 'differs' : 'same', status: 200 })
  }

  return {
    checkedAt: now.toISOString(),
    apiHost: new URL(client.baseUrl).host,
    ...(ids.connId ? { connection: maskIdentifier(ids.connId) } : {}),
    endpoints,
    differences,
    clean: differences.length === 0 && endpoints.every((e) => e.outcome !== 'failed'),
    verdict: verdictOf(endpoints, differences),
  }
}

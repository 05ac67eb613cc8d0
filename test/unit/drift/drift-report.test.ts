/**
 * The API drift report against the simulator: as documented it gives a clean verdict; with the drift fault mode
 * (fields added, removed, retyped, an enum value the docs do not list) each difference is named by endpoint and
 * JSON path; an error status is named too; a rejected key is an auth failure, not a report; and nothing in the
 * report holds an id, a login, a password or an IP the API sent.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DRIFT_FAULT_RULES } from '../../../src/main/demo/drift-fault'
import { runDriftReport } from '../../../src/main/drift'
import { IproxyAuthError, createIproxyClient } from '../../../src/main/iproxy'
import type { FaultRule } from '../../../src/main/demo'
import type { DriftDifference } from '../../../src/shared/drift'
import { openSession, type Session } from '../demo/simulator/harness'

let session: Session | undefined
afterEach(async () => {
  await session?.close()
  session = undefined
})

/** Rules that count (without changing) every write, so a test can see none reached the simulator. */
const WRITE_COUNTERS: FaultRule[] = ['POST', 'DELETE'].map((method) => ({ path: '/**', method, times: 1000, fault: { kind: 'latency', ms: 0 } }))
const writesSeen = (s: Session) => s.sim.faults.rules().filter((r) => r.method === 'POST' || r.method === 'DELETE').reduce((n, r) => n + (1000 - (r.times ?? 0)), 0)

function find(differences: DriftDifference[], endpoint: string, path: string): DriftDifference | undefined {
  return differences.find((d) => d.endpoint === endpoint && d.path === path)
}

describe('the API drift report', () => {
  it('gives a clean verdict when the service answers as documented, reading every endpoint once and writing nothing', async () => {
    session = await openSession({ faults: WRITE_COUNTERS })
    const report = await runDriftReport(session.client)
    expect(report.differences).toEqual([])
    expect(report.clean).toBe(true)
    expect(report.endpoints.map((e) => e.outcome)).toEqual(report.endpoints.map(() => 'same'))
    expect(report.endpoints.map((e) => e.endpoint)).toEqual(expect.arrayContaining([
      '/me', '/connections', '/connections-status', '/connections/{connId}', '/proxy-access', '/ovpn-access',
      '/connections/{connId}/traffic/by-day', '/connections/{connId}/uptime', '/connections/{connId}/ip-history', '/actionlinks',
    ]))
    expect(report.verdict).toBe(`Verdict: the API answered as documented at all ${report.endpoints.length} endpoints read.`)
    expect(writesSeen(session)).toBe(0)
  })

  it('names every field added, removed and retyped, and every enum value the docs do not list', async () => {
    session = await openSession({ faults: [...WRITE_COUNTERS, ...(DRIFT_FAULT_RULES as unknown as FaultRule[])] })
    const { differences, clean, verdict } = await runDriftReport(session.client)
    const connections = session.sim.state.connections.size
    expect(find(differences, '/me', 'loyalty_tier')).toMatchObject({ kind: 'undocumented-field', breaks: false })
    expect(find(differences, '/me', 'email')).toMatchObject({ kind: 'missing-field', expected: 'string', breaks: true })
    expect(find(differences, '/me', 'balance')).toMatchObject({ kind: 'type', expected: 'string', received: 'number' })
    expect(find(differences, '/connections-status', 'connections[].online_status')).toMatchObject({
      kind: 'enum-value', expected: 'online | offline | nodata | flapping', received: 'sleeping', count: connections, breaks: false,
    })
    expect(find(differences, '/connections/{connId}/proxy-access', 'proxy_accesses[].port')).toMatchObject({
      kind: 'type', expected: 'number', received: 'string', breaks: true,
    })
    expect(differences).toHaveLength(5)
    expect(clean).toBe(false)
    expect(verdict).toBe('Verdict: 5 differences from the docs at 3 of 16 endpoints, 2 of them break what the app reads.')
    expect(writesSeen(session)).toBe(0)
  })

  it('names an unexpected status code by its endpoint', async () => {
    session = await openSession({ faults: [{ path: '/connections/*/uptime', fault: { kind: 'status', status: 503 } }] })
    const report = await runDriftReport(session.client)
    expect(report.differences).toEqual([
      { endpoint: '/connections/{connId}/uptime', kind: 'status', path: '', expected: '200', received: '503', count: 1, breaks: true },
    ])
    expect(report.endpoints.find((e) => e.endpoint === '/connections/{connId}/uptime')).toMatchObject({ outcome: 'differs', status: 503 })
  })

  it('names a list sent as null (the app reads it as empty; the docs show a list)', async () => {
    session = await openSession({ faults: [{ path: '/ovpn-access', method: 'GET', fault: { kind: 'json', body: { ovpn_accesses: null } } }] })
    const report = await runDriftReport(session.client)
    expect(report.differences).toEqual([
      { endpoint: '/ovpn-access', kind: 'type', path: 'ovpn_accesses', expected: 'array', received: 'null', count: 1, breaks: false },
    ])
  })

  it('skips what an empty account cannot show, and says so in the verdict', async () => {
    session = await openSession({ seed: 'empty' })
    const report = await runDriftReport(session.client)
    expect(report.clean).toBe(true)
    expect(report.endpoints.filter((e) => e.outcome === 'skipped')).toHaveLength(10)
    expect(report.verdict).toBe('Verdict: the API answered as documented at all 6 endpoints read; 10 skipped (nothing to read).')
  })

  it('throws the auth failure for a rejected key instead of reporting differences', async () => {
    session = await openSession()
    const wrong = createIproxyClient({ apiKey: 'not-the-key', baseUrl: session.sim.baseUrl, maxRetries: 0 })
    try {
      await expect(runDriftReport(wrong)).rejects.toBeInstanceOf(IproxyAuthError)
    } finally {
      await wrong.close()
    }
  })

  it('holds no id, login, password, IP or key the API sent', async () => {
    session = await openSession({ faults: DRIFT_FAULT_RULES as unknown as FaultRule[] })
    const text = JSON.stringify(await runDriftReport(session.client))
    const { state } = session.sim
    const secrets = [state.account.apiKey, ...state.connections.keys()]
    for (const p of state.proxies.values()) secrets.push(p.id, p.login ?? '', p.password ?? '')
    for (const c of state.connections.values()) secrets.push(...Object.values(c).filter((v): v is string => typeof v === 'string' && /^\d+\.\d+\.\d+\.\d+$/.test(v)))
    for (const secret of secrets.filter((s) => typeof s === 'string' && s.length > 3)) expect(text).not.toContain(secret)
    expect(text).toMatch(/"connection":"..….."/)
  })
})

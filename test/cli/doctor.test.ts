/**
 * `iproxy doctor` as a child process: against the demo (--demo, an embedded simulator) it reads every endpoint and
 * exits 0 with a clean verdict; against a simulator in drift fault mode it names each difference and exits 1;
 * with a rejected key it exits 3. The output never holds the key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FaultRule } from '../../src/main/demo'
import { DRIFT_FAULT_RULES } from '../../src/main/demo/drift-fault'
import { runCli, startSimulatedAccount, STACK_RE, type SimulatedAccount } from './support'

const KEY = 'doctor-test-key-0123456789abcdef'
let account: SimulatedAccount

beforeAll(async () => {
  account = await startSimulatedAccount(KEY)
})
afterAll(async () => {
  await account?.stop()
})

describe('iproxy doctor', () => {
  it('--demo: every read-only endpoint as documented, a one-line verdict, exit 0', async () => {
    const run = await runCli(['doctor', '--demo', '--data-dir', account.data.dir])
    expect(run.stderr).not.toMatch(STACK_RE)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('same     GET /connections/{connId}/ip-history HTTP 200')
    expect(run.stdout.trim().split('\n').at(-1)).toBe('Verdict: the API answered as documented at all 16 endpoints read.')
  })

  it('--json against a drifted service: each difference with its endpoint and path, exit 1', async () => {
    account.sim.faults.set(DRIFT_FAULT_RULES as unknown as FaultRule[])
    try {
      const run = await runCli(['doctor', '--json'], { env: account.env })
      expect(run.code).toBe(1)
      const report = JSON.parse(run.stdout)
      expect(report.clean).toBe(false)
      expect(report.differences.map((d: { endpoint: string; kind: string; path: string }) => `${d.endpoint} ${d.kind} ${d.path}`).sort()).toEqual([
        '/connections-status enum-value connections[].online_status',
        '/connections/{connId}/proxy-access type proxy_accesses[].port',
        '/me missing-field email',
        '/me type balance',
        '/me undocumented-field loyalty_tier',
      ])
      expect(run.stdout).not.toContain(KEY)
      // The fields `iproxy --help` documents, every one present (an absent value is null).
      expect(Object.keys(report).sort()).toEqual(['apiHost', 'checkedAt', 'clean', 'connection', 'differences', 'endpoints', 'verdict'])
      for (const e of report.endpoints) expect(Object.keys(e).sort()).toEqual(['endpoint', 'note', 'outcome', 'status'])
      for (const d of report.differences) expect(Object.keys(d).sort()).toEqual(['breaks', 'count', 'endpoint', 'expected', 'kind', 'path', 'received'])
      expect(report.differences.find((d: { kind: string }) => d.kind === 'undocumented-field')).toMatchObject({ expected: null })

      const text = await runCli(['doctor'], { env: account.env })
      expect(text.code).toBe(1)
      expect(text.stdout).toContain('GET /me loyalty_tier: a field the docs do not mention')
      expect(text.stdout).toContain('GET /connections/{connId}/proxy-access proxy_accesses[].port: a different type (docs: number, got: string) ×')
      expect(text.stdout.trim().split('\n').at(-1)).toBe('Verdict: 5 differences from the docs at 3 of 16 endpoints, 2 of them break what the app reads.')
    } finally {
      account.sim.faults.clear()
    }
  })

  it('a rejected key: an auth failure, exit 3, no report', async () => {
    const run = await runCli(['doctor'], { env: { ...account.env, IPROXY_API_KEY: 'wrong-key-0123456789' } })
    expect(run.code).toBe(3)
    expect(run.stdout).not.toContain('Verdict')
    expect(run.stderr).toMatch(/rejected/i)
  })

  it('--help says what the exit codes mean and shows an example', async () => {
    const run = await runCli(['doctor', '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Exit: 0 as documented, 1 differences found, 3 the key was rejected.')
    expect(run.stdout).toMatch(/Example:\n {2}iproxy doctor --demo/)
  })
})

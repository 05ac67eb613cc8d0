/**
 * One way to record a change of IP, wherever it came from (history/app-recording.ts recordRotation): the exit IPs
 * it saw, the `change_ip` action (unless it is a run's step, which the run writes), and what the fleet watch hears:
 * the same IP kept (`ip_not_changed`) or an IP the connection had before come back (`ip_repeated`, with how long
 * ago it left).
 */
import { expect, test } from 'vitest'
import { openHistoryStore } from '../../../src/main/history'
import { recordRotation } from '../../../src/main/history/app-recording'
import type { RotateVerifyResult } from '../../../src/shared/health'
import { HOUR, MIN, memoryLog, tempDir } from './support'

const changed = (oldIp: string, newIp: string): RotateVerifyResult => ({
  connectionId: 'c1',
  ok: true,
  status: 'changed',
  message: `The exit IP changed from ${oldIp} to ${newIp}.`,
  oldIp,
  newIp,
  seconds: 4.2,
  attempts: 2,
})

test('an IP the connection had before comes back: the watch hears ip_repeated with when it left', async () => {
  const { log, lines } = memoryLog()
  const store = await openHistoryStore(tempDir(), { log })
  const heard: Array<[string, string, number]> = []
  const listeners = { ipRepeated: (id: string, ip: string, after: number) => void heard.push([id, ip, after]) }
  try {
    const t = Date.now()
    // .1 from 3 h ago to 2 h ago, then .2 since.
    store.recordExitIp('c1', '198.51.100.1', 'check', t - 3 * HOUR)
    store.recordExitIp('c1', '198.51.100.1', 'check', t - 2 * HOUR)
    store.recordExitIp('c1', '198.51.100.2', 'check', t - 2 * HOUR + MIN)
    // A change to an IP never seen here: nothing to hear.
    recordRotation(store, changed('198.51.100.2', '198.51.100.3'), t - HOUR, { by: 'user', listeners, log })
    expect(heard).toEqual([])
    // And back to .1, which left two hours ago.
    recordRotation(store, changed('198.51.100.3', '198.51.100.1'), t - MIN, { by: 'user', listeners, log })
    expect(heard).toHaveLength(1)
    expect(heard[0]!.slice(0, 2)).toEqual(['c1', '198.51.100.1'])
    expect(heard[0]![2]).toBeGreaterThanOrEqual(2 * HOUR)
    expect(heard[0]![2]).toBeLessThan(2 * HOUR + MIN)
    // Both recorded as the page's: two change_ip actions by the user.
    const actions = store.events({ connectionId: 'c1', from: 0, to: Date.now() + 1, kinds: ['action'] }).events
    expect(actions.map((e) => (e.kind === 'action' ? [e.action, e.by, e.detail] : e.kind))).toEqual([
      ['change_ip', 'user', { status: 'changed', oldIp: '198.51.100.3', newIp: '198.51.100.1', seconds: 4.2, attempts: 2 }],
      ['change_ip', 'user', { status: 'changed', oldIp: '198.51.100.2', newIp: '198.51.100.3', seconds: 4.2, attempts: 2 }],
    ])
    expect(lines.filter((l) => !l.startsWith('history database: schema'))).toEqual([])
  } finally {
    await store.close()
  }
})

test('a run\'s change of IP records the IPs but leaves the action to the run; a timeout on the old IP is ip_not_changed', async () => {
  const { log } = memoryLog()
  const store = await openHistoryStore(tempDir(), { log })
  const unchanged: string[] = []
  try {
    const action = recordRotation(store, { ...changed('203.0.113.1', '203.0.113.2'), connectionId: 'c2' }, Date.now() - 1_000, { by: 'rule', inRun: 'run-1', log })
    expect(action).toMatchObject({ connectionId: 'c2', kind: 'change_ip', by: 'rule', outcome: 'ok' })
    expect(store.events({ connectionId: 'c2', from: 0, to: Date.now() + 1, kinds: ['action'] }).events).toEqual([])
    expect(store.exitIps('c2').map((e) => e.ip).sort()).toEqual(['203.0.113.1', '203.0.113.2'])

    const timedOut: RotateVerifyResult = { connectionId: 'c2', ok: false, status: 'timeout', message: 'did not change', oldIp: '203.0.113.2', lastIp: '203.0.113.2', seconds: 60, attempts: 9 }
    const failed = recordRotation(store, timedOut, Date.now(), { by: 'user', listeners: { ipNotChanged: (id, ip) => void unchanged.push(`${id} ${ip}`) }, log })
    expect(failed).toMatchObject({ outcome: 'failed', error: 'did not change' })
    expect(unchanged).toEqual(['c2 203.0.113.2'])
  } finally {
    await store.close()
  }
})

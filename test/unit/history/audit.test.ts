/**
 * The audit trail in a real history file: runs and their steps written through the AuditWriter and read back
 * (newest first, a connection's own steps, by kind and time, limited), the steps in a connection's timeline with
 * their run, the read-only reader of the command line, a version 3 file migrated, and the CSV of it all.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { createAuditWriter } from '../../../src/main/history/audit'
import { historyCalls } from '../../../src/main/history/calls'
import { openSqlite } from '../../../src/main/history/database'
import { HISTORY_DB_FILE, openHistoryReader, openHistoryStore } from '../../../src/main/history'
import { MIGRATIONS } from '../../../src/main/history/migrations'
import { AUDIT_CSV_COLUMNS, auditCsv } from '../../../src/shared/csv-tables'
import type { AuditEntry } from '../../../src/shared/audit'
import { stubDesktop } from '../exports/test-bed'
import { HOUR, MIN, T0, memoryLog, tempDir } from './support'

async function storeWithRuns() {
  const dir = tempDir()
  const { log, lines } = memoryLog()
  const store = await openHistoryStore(dir, { log, now: () => T0 + 5 * HOUR })
  store.recordConnectionNames([
    { connectionId: 'c1', name: 'Moscow 1' },
    { connectionId: 'c2', name: '=HYPERLINK("x")' },
  ])
  const audit = createAuditWriter(store, log)
  // A bulk reboot of three phones at T0: one worked, one failed, one never started.
  audit.startRun({ id: 'run-a', kind: 'bulk', by: 'user', title: 'reboot', startedAt: T0, detail: { command: 'reboot', connections: 3 } })
  audit.step('run-a', { connectionId: 'c1', connectionName: 'Moscow 1', step: 'reboot', at: T0 + 1_000, endedAt: T0 + 1_500, outcome: 'ok', detail: { command: 'reboot' } })
  audit.step('run-a', { connectionId: 'c2', step: 'reboot', at: T0 + 1_000, endedAt: T0 + 2_000, outcome: 'failed', error: 'Server error (500)' })
  audit.step('run-a', { connectionId: 'c3', connectionName: 'Berlin', step: 'reboot', at: T0 + 3_000, outcome: 'cancelled', error: 'Cancelled before it started.' })
  audit.endRun('run-a', 'cancelled', T0 + 3_000)
  // A rule's chain on c1 an hour later: change IP and verify failed, a wait, then a reboot that worked.
  audit.startRun({ id: 'run-b', kind: 'rule', by: 'rule', title: 'Repair offline', ruleId: 'offline-repair', startedAt: T0 + HOUR, detail: { trigger: 'offline' } })
  audit.step('run-b', { connectionId: 'c1', step: 'change_ip_verify', at: T0 + HOUR, endedAt: T0 + HOUR + MIN, outcome: 'failed', error: 'The exit IP did not change', detail: { status: 'timeout', oldIp: '198.51.100.7', password: 'hunter2' } })
  audit.step('run-b', { connectionId: 'c1', step: 'wait', at: T0 + HOUR + MIN, endedAt: T0 + HOUR + 2 * MIN, outcome: 'ok' })
  audit.step('run-b', { connectionId: 'c1', step: 'reboot', at: T0 + HOUR + 2 * MIN, outcome: 'ok' })
  audit.endRun('run-b', 'partial', T0 + HOUR + 3 * MIN)
  // The page's own reboot of c1, outside any run.
  store.recordAction({ connectionId: 'c1', kind: 'reboot', outcome: 'ok', by: 'user', at: T0 + 2 * HOUR })
  return { dir, store, lines }
}

test('runs come back newest first with their steps, names from the history', async () => {
  const { store, lines } = await storeWithRuns()
  try {
    const { entries, truncated } = store.audit({})
    expect(truncated).toBe(false)
    expect(entries).toEqual<AuditEntry[]>([
      {
        id: 'run-b',
        kind: 'rule',
        by: 'rule',
        title: 'Repair offline',
        ruleId: 'offline-repair',
        startedAt: T0 + HOUR,
        endedAt: T0 + HOUR + 3 * MIN,
        outcome: 'partial',
        detail: { trigger: 'offline' },
        steps: [
          {
            connectionId: 'c1',
            connectionName: 'Moscow 1',
            step: 'change_ip_verify',
            at: T0 + HOUR,
            endedAt: T0 + HOUR + MIN,
            outcome: 'failed',
            error: 'The exit IP did not change',
            // A secret-looking key never reaches the file.
            detail: { status: 'timeout', oldIp: '198.51.100.7', password: '***' },
          },
          { connectionId: 'c1', connectionName: 'Moscow 1', step: 'wait', at: T0 + HOUR + MIN, endedAt: T0 + HOUR + 2 * MIN, outcome: 'ok' },
          { connectionId: 'c1', connectionName: 'Moscow 1', step: 'reboot', at: T0 + HOUR + 2 * MIN, outcome: 'ok' },
        ],
      },
      {
        id: 'run-a',
        kind: 'bulk',
        by: 'user',
        title: 'reboot',
        startedAt: T0,
        endedAt: T0 + 3_000,
        outcome: 'cancelled',
        detail: { command: 'reboot', connections: 3 },
        steps: [
          { connectionId: 'c1', connectionName: 'Moscow 1', step: 'reboot', at: T0 + 1_000, endedAt: T0 + 1_500, outcome: 'ok', detail: { command: 'reboot' } },
          { connectionId: 'c2', connectionName: '=HYPERLINK("x")', step: 'reboot', at: T0 + 1_000, endedAt: T0 + 2_000, outcome: 'failed', error: 'Server error (500)' },
          // A connection the history did not know gets the step's name.
          { connectionId: 'c3', connectionName: 'Berlin', step: 'reboot', at: T0 + 3_000, outcome: 'cancelled', error: 'Cancelled before it started.' },
        ],
      },
    ])
    expect(lines.filter((l) => !l.startsWith('history database: schema'))).toEqual([])
  } finally {
    await store.close()
  }
})

test('filters: a connection (its steps only), kinds, time, limit', async () => {
  const { store } = await storeWithRuns()
  try {
    const c2 = store.audit({ connectionId: 'c2' }).entries
    expect(c2.map((e) => [e.id, e.steps.map((s) => s.connectionId)])).toEqual([['run-a', ['c2']]])
    expect(store.audit({ connectionId: 'c1' }).entries.map((e) => [e.id, e.steps.length])).toEqual([
      ['run-b', 3],
      ['run-a', 1],
    ])
    expect(store.audit({ connectionId: 'unknown' }).entries).toEqual([])
    expect(store.audit({ kinds: ['bulk'] }).entries.map((e) => e.id)).toEqual(['run-a'])
    expect(store.audit({ kinds: [] }).entries).toEqual([])
    expect(store.audit({ from: T0 + 1, to: T0 + 2 * HOUR }).entries.map((e) => e.id)).toEqual(['run-b'])
    expect(store.audit({ to: T0 + 1 }).entries.map((e) => e.id)).toEqual(['run-a'])
    expect(store.audit({ limit: 1 })).toMatchObject({ truncated: true, entries: [expect.objectContaining({ id: 'run-b' })] })
  } finally {
    await store.close()
  }
})

test('the timeline shows the steps that reached the phone, each with its run', async () => {
  const { store } = await storeWithRuns()
  try {
    const c1 = store.events({ connectionId: 'c1', from: 0, to: T0 + 3 * HOUR, kinds: ['action'] }).events
    expect(c1.map((e) => (e.kind === 'action' ? [e.action, e.outcome, e.by, e.runId] : e.kind))).toEqual([
      ['reboot', 'ok', 'user', undefined],
      ['reboot', 'ok', 'rule', 'run-b'],
      ['wait', 'ok', 'rule', 'run-b'],
      // Stored under the app's own kind for a change of IP.
      ['change_ip', 'failed', 'rule', 'run-b'],
      ['reboot', 'ok', 'user', 'run-a'],
    ])
    // The cancelled step never reached c3: the audit has it, the timeline does not.
    expect(store.events({ connectionId: 'c3', from: 0, to: T0 + 3 * HOUR, kinds: ['action'] }).events).toEqual([])
    const fleet = store.events({ from: 0, to: T0 + 3 * HOUR, kinds: ['action'] }).events
    expect(fleet.filter((e) => e.kind === 'action' && e.runId === 'run-a').map((e) => e.connectionId).sort()).toEqual(['c1', 'c2'])
  } finally {
    await store.close()
  }
})

test('a step of a run never started is logged, not thrown; the command line reads the trail read-only', async () => {
  const { dir, store, lines } = await storeWithRuns()
  const audit = createAuditWriter(store, memoryLog().log)
  const logged: string[] = []
  const noisy = createAuditWriter(store, (m) => logged.push(m))
  expect(() => noisy.step('no-such-run', { connectionId: 'c1', step: 'reboot', at: T0, outcome: 'ok' })).not.toThrow()
  expect(() => noisy.endRun('no-such-run', 'done', T0)).not.toThrow()
  expect(logged).toEqual(['could not record the reboot step of run no-such-run on c1 in the history', 'could not record the end of run no-such-run in the history'])
  expect(() => audit.startRun({ id: 'run-a', kind: 'bulk', by: 'user', title: 'again', startedAt: T0 })).not.toThrow()
  expect(lines.filter((l) => !l.startsWith('history database: schema'))).toEqual([])
  await store.close()
  const reader = openHistoryReader(join(dir, HISTORY_DB_FILE))
  try {
    expect(reader.audit({ connectionId: 'c2' }).entries.map((e) => [e.id, e.steps.length])).toEqual([['run-a', 1]])
  } finally {
    reader.close()
  }
})

test('a version 3 file is migrated: its actions stay, in no run', async () => {
  const dir = tempDir()
  const path = join(dir, HISTORY_DB_FILE)
  const v3 = openSqlite(path)
  for (const m of MIGRATIONS.filter((m) => m.version <= 3)) v3.exec(m.sql)
  v3.exec('PRAGMA user_version = 3')
  v3.exec(`INSERT INTO connections (id, connection_id, first_seen) VALUES (1, 'c1', ${T0})`)
  v3.exec(`INSERT INTO actions (connection, at, kind, outcome, by) VALUES (1, ${T0}, 'reboot', 'ok', 'user')`)
  v3.close()
  const { log, lines } = memoryLog()
  const store = await openHistoryStore(dir, { log })
  try {
    expect(lines).toContain('history database: schema 4 (the audit trail: bulk runs and rule runs, their steps as actions)')
    expect(store.events({ connectionId: 'c1', from: 0, to: T0 + 1, kinds: ['action'] }).events).toEqual([{ kind: 'action', at: T0, action: 'reboot', outcome: 'ok', by: 'user' }])
    expect(store.audit({})).toEqual({ entries: [], truncated: false })
  } finally {
    await store.close()
  }
})

test('auditCsv: one row per step with its run, times in UTC, detail as key=value, formulas neutralised', async () => {
  const { store } = await storeWithRuns()
  try {
    const { entries } = store.audit({})
    const empty: AuditEntry = { id: 'run-c', kind: 'bulk', by: 'user', title: 'refresh', startedAt: T0, outcome: 'failed', detail: { unknownConnections: 2 }, steps: [] }
    const csv = auditCsv([...entries, empty])
    expect(csv.split('\n')).toEqual([
      AUDIT_CSV_COLUMNS.join(','),
      'run-b,2026-03-01T01:00:00.000Z,rule,rule,Repair offline,offline-repair,c1,Moscow 1,change_ip_verify,2026-03-01T01:00:00.000Z,2026-03-01T01:01:00.000Z,failed,The exit IP did not change,status=timeout; oldIp=198.51.100.7; password=***',
      'run-b,2026-03-01T01:00:00.000Z,rule,rule,Repair offline,offline-repair,c1,Moscow 1,wait,2026-03-01T01:01:00.000Z,2026-03-01T01:02:00.000Z,ok,,',
      'run-b,2026-03-01T01:00:00.000Z,rule,rule,Repair offline,offline-repair,c1,Moscow 1,reboot,2026-03-01T01:02:00.000Z,,ok,,',
      'run-a,2026-03-01T00:00:00.000Z,bulk,user,reboot,,c1,Moscow 1,reboot,2026-03-01T00:00:01.000Z,2026-03-01T00:00:01.500Z,ok,,command=reboot',
      `run-a,2026-03-01T00:00:00.000Z,bulk,user,reboot,,c2,"'=HYPERLINK(""x"")",reboot,2026-03-01T00:00:01.000Z,2026-03-01T00:00:02.000Z,failed,Server error (500),`,
      'run-a,2026-03-01T00:00:00.000Z,bulk,user,reboot,,c3,Berlin,reboot,2026-03-01T00:00:03.000Z,,cancelled,Cancelled before it started.,',
      'run-c,2026-03-01T00:00:00.000Z,bulk,user,refresh,,,,,,,failed,,unknownConnections=2',
      '',
    ])
  } finally {
    await store.close()
  }
})

test('history.audit and history.saveAuditCsv: through the save dialog, atomically; nothing to save is said', async () => {
  const { dir, store } = await storeWithRuns()
  const dialogs: Array<{ title: string; defaultName: string }> = []
  let answer: string | undefined = join(dir, 'trail')
  const calls = historyCalls(store, () => {}, {
    desktop: stubDesktop({
      chooseSaveFile: async (o) => {
        dialogs.push({ title: o.title, defaultName: o.defaultName })
        return answer
      },
    }),
    language: () => 'ru',
  })
  try {
    expect(await calls['history.audit']({ connectionId: 'c2' })).toMatchObject({ entries: [expect.objectContaining({ id: 'run-a' })], truncated: false })
    expect(await calls['history.saveAuditCsv']({ connectionId: 'c1' })).toEqual({ path: join(dir, 'trail.csv'), rows: 4 })
    expect(dialogs).toEqual([{ title: 'Сохранить массовые действия и запуски правил в CSV', defaultName: 'массовые действия и запуски правил.csv' }])
    expect(readFileSync(join(dir, 'trail.csv'), 'utf8')).toBe(auditCsv(store.audit({ connectionId: 'c1' }).entries))
    answer = undefined
    expect(await calls['history.saveAuditCsv']({})).toEqual({ cancelled: true })
    await expect(Promise.resolve().then(() => calls['history.saveAuditCsv']({ kinds: ['rule'], to: T0 }))).rejects.toMatchObject({ code: 'nothing_to_export' })
  } finally {
    await store.close()
  }
})

/**
 * The audit trail in the history database (migration 4): every bulk run and rule run is a `runs` row, and each of
 * its steps an `actions` row pointing at it. A step is the connection's action like any other, so a connection's
 * timeline shows what a run did to it without a second copy; the audit reads them back grouped by run.
 *
 * Steps are stored under the kind the app already uses for the same action, so the timeline reads alike whoever
 * acted: a change of IP and verify is `change_ip` (as health.rotateAndVerify is recorded), a prolongation
 * `prolongate_plan`, a command its own name. The audit maps them back to the step's name.
 *
 * AuditTable writes (the HistoryStore holds one); AuditQueries reads (the store and the command line's read-only
 * HistoryReader). createAuditWriter is the AuditWriter bulk runs and rules write through: a failed write is logged,
 * never thrown into the run.
 */
import type { AuditEntry, AuditQuery, AuditStep, AuditStepOutcome } from '../../shared/audit'
import type { Logger } from '../log'
import type { AuditWriter } from '../bulk/types'
import type { SqlDatabase } from './database'
import { SqlFilter } from './sql-filter'
import { maskSecretValues } from './recorder'

/** Runs returned by a query unless it says otherwise. */
export const DEFAULT_AUDIT_LIMIT = 200

/** A step's name → the actions kind the app records the same action under (others are stored as they are). */
const KIND_OF_STEP: Record<string, string> = { change_ip_verify: 'change_ip', prolong: 'prolongate_plan' }
const STEP_OF_KIND: Record<string, string> = Object.fromEntries(Object.entries(KIND_OF_STEP).map(([step, kind]) => [kind, step]))

type Flat = Record<string, string | number | boolean>

interface RunRow {
  id: number
  uid: string
  kind: string
  by: string
  title: string
  rule_id: string | null
  started_at: number
  ended_at: number | null
  outcome: string
  detail: string | null
}

interface StepRow {
  run: number
  at: number
  ended_at: number | null
  kind: string
  detail: string | null
  outcome: string
  error: string | null
  connection_id: string
  name: string | null
}

export class AuditTable {
  private readonly s: ReturnType<typeof prepareWrites>

  constructor(private readonly db: SqlDatabase) {
    this.s = prepareWrites(db)
  }

  startRun(entry: Omit<AuditEntry, 'steps' | 'outcome' | 'endedAt'>): void {
    if (!entry.id) throw new Error('a run needs an id')
    if (!Number.isFinite(entry.startedAt)) throw new Error(`run ${entry.id}: the start time is not a number`)
    this.db.transaction(() => {
      this.s.addRun.run(entry.id, entry.kind, entry.by, entry.title, entry.ruleId ?? null, entry.startedAt, 'running', json(entry.detail))
    })
  }

  step(runId: string, step: AuditStep): void {
    if (!step.connectionId || !step.step) throw new Error(`run ${runId}: a step needs a connection id and a name`)
    if (!Number.isFinite(step.at)) throw new Error(`run ${runId}: the time of the ${step.step} step is not a number`)
    this.db.transaction(() => {
      const run = this.s.findRun.get(runId)
      if (!run) throw new Error(`run ${runId} is not in the history (its start was not recorded)`)
      this.s.addConnection.run(step.connectionId, step.at)
      const connection = this.s.findConnection.get(step.connectionId)!.id
      if (step.connectionName) this.s.nameIfUnnamed.run(step.connectionName, connection)
      this.s.addStep.run(
        connection,
        step.at,
        KIND_OF_STEP[step.step] ?? step.step,
        json(step.detail),
        step.outcome,
        step.error ?? null,
        run.by,
        run.id,
        step.endedAt ?? null,
      )
    })
  }

  endRun(runId: string, outcome: AuditEntry['outcome'], endedAt: number): void {
    this.db.transaction(() => {
      if (this.s.endRun.run(endedAt, outcome, runId).changes === 0) throw new Error(`run ${runId} is not in the history (its start was not recorded)`)
    })
  }
}

export class AuditQueries {
  private readonly findConnection

  constructor(private readonly db: SqlDatabase) {
    this.findConnection = db.prepare<{ id: number }>('SELECT id FROM connections WHERE connection_id = ?')
  }

  /** Runs newest first, each with its steps in the order they started (of one connection when asked). */
  query(query: AuditQuery): { entries: AuditEntry[]; truncated: boolean } {
    const limit = query.limit ?? DEFAULT_AUDIT_LIMIT
    if (query.kinds?.length === 0) return { entries: [], truncated: false }
    const filter = new SqlFilter().range('r.started_at', query.from, query.to)
    if (query.kinds !== undefined) filter.oneOf('r.kind', query.kinds)
    let connection: number | undefined
    if (query.connectionId !== undefined) {
      connection = this.findConnection.get(query.connectionId)?.id
      if (connection === undefined) return { entries: [], truncated: false }
      // Through the connection's (connection, at) index: its actions are few, its runs fewer.
      filter.where('r.id IN (SELECT run FROM actions WHERE connection = ? AND run IS NOT NULL)', connection)
    }
    const runs = this.db
      .prepare<RunRow>(
        `SELECT r.id, r.uid, r.kind, r.by, r.title, r.rule_id, r.started_at, r.ended_at, r.outcome, r.detail FROM runs r
         ${filter.sql}
         ORDER BY r.started_at DESC, r.id DESC LIMIT ?`,
      )
      .all(...filter.params, limit + 1)
    const truncated = runs.length > limit
    const shown = runs.slice(0, limit)
    if (shown.length === 0) return { entries: [], truncated }
    const steps = new Map<number, AuditStep[]>(shown.map((r) => [r.id, []]))
    const rows = this.db
      .prepare<StepRow>(
        `SELECT a.run, a.at, a.ended_at, a.kind, a.detail, a.outcome, a.error, c.connection_id, c.name
         FROM actions a JOIN connections c ON c.id = a.connection
         WHERE a.run IN (${shown.map(() => '?').join(', ')})${connection === undefined ? '' : ' AND a.connection = ?'}
         ORDER BY a.at, a.id`,
      )
      .all(...shown.map((r) => r.id), ...(connection === undefined ? [] : [connection]))
    for (const row of rows) steps.get(row.run)?.push(toStep(row))
    return { entries: shown.map((r) => toEntry(r, steps.get(r.id) ?? [])), truncated }
  }
}

export interface AuditStore {
  startAuditRun(entry: Omit<AuditEntry, 'steps' | 'outcome' | 'endedAt'>): void
  recordAuditStep(runId: string, step: AuditStep): void
  endAuditRun(runId: string, outcome: AuditEntry['outcome'], endedAt: number): void
}

/** The AuditWriter on a history store: what cannot be written is logged, and the run goes on. */
export function createAuditWriter(store: AuditStore, log: Logger = () => {}): AuditWriter {
  const attempt = (what: string, write: () => void) => {
    try {
      write()
    } catch (err) {
      log(`could not record ${what} in the history`, err)
    }
  }
  return {
    startRun: (entry) => attempt(`the start of run ${entry.id}`, () => store.startAuditRun(entry)),
    step: (runId, step) => attempt(`the ${step.step} step of run ${runId} on ${step.connectionId}`, () => store.recordAuditStep(runId, step)),
    endRun: (runId, outcome, endedAt) => attempt(`the end of run ${runId}`, () => store.endAuditRun(runId, outcome, endedAt)),
  }
}

function json(detail: Flat | undefined): string | null {
  return detail === undefined || Object.keys(detail).length === 0 ? null : JSON.stringify(maskSecretValues(detail))
}

function parseFlat(text: string | null): Flat | undefined {
  if (text === null) return undefined
  try {
    const value = JSON.parse(text) as unknown
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Flat) : undefined
  } catch {
    // Written by this file as JSON; a row that is not (a hand-edited file) is shown without its detail.
    return undefined
  }
}

function toStep(row: StepRow): AuditStep {
  const detail = parseFlat(row.detail)
  return {
    connectionId: row.connection_id,
    ...(row.name !== null ? { connectionName: row.name } : {}),
    step: STEP_OF_KIND[row.kind] ?? row.kind,
    at: row.at,
    ...(row.ended_at !== null ? { endedAt: row.ended_at } : {}),
    outcome: row.outcome as AuditStepOutcome,
    ...(row.error !== null ? { error: row.error } : {}),
    ...(detail ? { detail } : {}),
  }
}

function toEntry(row: RunRow, steps: AuditStep[]): AuditEntry {
  const detail = parseFlat(row.detail)
  return {
    id: row.uid,
    kind: row.kind as AuditEntry['kind'],
    by: row.by as AuditEntry['by'],
    title: row.title,
    ...(row.rule_id !== null ? { ruleId: row.rule_id } : {}),
    startedAt: row.started_at,
    ...(row.ended_at !== null ? { endedAt: row.ended_at } : {}),
    outcome: row.outcome as AuditEntry['outcome'],
    ...(detail ? { detail } : {}),
    steps,
  }
}

function prepareWrites(db: SqlDatabase) {
  return {
    addRun: db.prepare('INSERT INTO runs (uid, kind, by, title, rule_id, started_at, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    findRun: db.prepare<{ id: number; by: string }>('SELECT id, by FROM runs WHERE uid = ?'),
    endRun: db.prepare('UPDATE runs SET ended_at = ?, outcome = ? WHERE uid = ?'),
    findConnection: db.prepare<{ id: number }>('SELECT id FROM connections WHERE connection_id = ?'),
    addConnection: db.prepare('INSERT OR IGNORE INTO connections (connection_id, first_seen) VALUES (?, ?)'),
    nameIfUnnamed: db.prepare('UPDATE connections SET name = ? WHERE id = ? AND name IS NULL'),
    addStep: db.prepare('INSERT INTO actions (connection, at, kind, detail, outcome, error, by, run, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
  }
}

/**
 * Retention: history older than the setting (90 days unless changed) is deleted in the background, a small
 * chunk per transaction with a turn of the event loop between chunks, so the main process never stalls on one
 * big DELETE. The status and the exit IP in effect when the retention window starts are kept: uptime, "since
 * when" and the count of IP changes need to know what came before the first change inside the window.
 */
import { DAY_MS } from '../../shared/history'
import type { SqlDatabase, SqlStatement } from './database'
import type { Logger } from '../log'

/** Rows per table per transaction: a few milliseconds of work. */
export const PRUNE_CHUNK_ROWS = 1_000
export const PRUNE_INTERVAL_MS = 6 * 3_600_000

/** Deletes up to `rows` expired rows from each table in one transaction; the count deleted. */
export class PruneStep {
  private readonly statements: Array<SqlStatement<unknown>>

  constructor(private readonly db: SqlDatabase) {
    // ?1 cutoff, ?2 rows. Each picks the oldest rows through its time index.
    this.statements = [
      'DELETE FROM checks WHERE id IN (SELECT id FROM checks WHERE at < ?1 ORDER BY at LIMIT ?2)',
      'DELETE FROM actions WHERE id IN (SELECT id FROM actions WHERE at < ?1 ORDER BY at LIMIT ?2)',
      'DELETE FROM watch_events WHERE id IN (SELECT id FROM watch_events WHERE at < ?1 ORDER BY at LIMIT ?2)',
      // After actions: an expired run goes once none of its steps is left (its steps are the audit entry).
      `DELETE FROM runs WHERE id IN (
         SELECT r.id FROM runs r
         WHERE r.started_at < ?1 AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.run = r.id)
         ORDER BY r.started_at LIMIT ?2)`,
      `DELETE FROM ip_periods WHERE id IN (
         SELECT p.id FROM ip_periods p
         WHERE p.last_at < ?1 AND EXISTS (
           SELECT 1 FROM ip_periods n WHERE n.connection = p.connection AND n.family = p.family AND n.first_at > p.first_at AND n.first_at <= ?1)
         ORDER BY p.last_at LIMIT ?2)`,
      `DELETE FROM status_changes WHERE id IN (
         SELECT s.id FROM status_changes s
         WHERE s.at < ?1 AND EXISTS (SELECT 1 FROM status_changes n WHERE n.connection = s.connection AND n.at > s.at AND n.at <= ?1)
         ORDER BY s.at LIMIT ?2)`,
    ].map((sql) => db.prepare(sql))
  }

  run(cutoff: number, rows: number): number {
    return this.db.transaction(() => this.statements.reduce((sum, statement) => sum + statement.run(cutoff, rows).changes, 0))
  }
}

export interface PrunerOptions {
  /** One chunk: deletes up to `rows` per table older than `cutoff`, returns the count. */
  step(cutoff: number, rows: number): number
  retentionDays(): number
  now?: () => number
  log: Logger
  chunkRows?: number
  intervalMs?: number
}

export class RetentionPruner {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<number> | undefined
  private stopped = false

  constructor(private readonly options: PrunerOptions) {}

  /** Prunes now (after the current turn of the event loop) and then every interval. */
  start(): void {
    this.stopped = false
    const tick = () => void this.runOnce().catch((err: unknown) => this.options.log('could not prune the history', err))
    setImmediate(tick)
    this.timer = setInterval(tick, this.options.intervalMs ?? PRUNE_INTERVAL_MS)
    this.timer.unref?.()
  }

  /** Stops the schedule; a run under way stops at its next chunk. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    await this.running?.catch(() => undefined)
  }

  /** One pass over everything expired, chunk by chunk; the rows deleted. Concurrent calls share the pass. */
  runOnce(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined))
    return this.running
  }

  private async pass(): Promise<number> {
    const now = (this.options.now ?? Date.now)()
    const cutoff = now - this.options.retentionDays() * DAY_MS
    const rows = this.options.chunkRows ?? PRUNE_CHUNK_ROWS
    let total = 0
    for (;;) {
      // Off the caller's path: each chunk runs in a later turn of the event loop than the one that asked.
      await new Promise((resolve) => setImmediate(resolve))
      if (this.stopped) break
      const deleted = this.options.step(cutoff, rows)
      total += deleted
      if (deleted === 0) break
    }
    return total
  }
}

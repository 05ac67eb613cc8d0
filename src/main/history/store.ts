/**
 * The history store: the one writer of the history database in main, and its reads. Built by `openHistoryStore`
 * at start; the app (and later its rules, watchers and the board) holds one.
 *
 * Damage found in the middle of a run (SQLite reports a corrupt page) is handled like damage found at start: the
 * file is moved aside, a fresh one is started, the notice is set for the app to show once, and the call that
 * found it is run again on the fresh file.
 */
import { join } from 'node:path'
import { DEFAULT_IP_REUSE_WINDOW_MS } from '../../shared/history'
import type {
  ActionRecord,
  BoardRow,
  CheckRecord,
  ExitIpSummary,
  HistoryNotice,
  HistoryRange,
  IpReuse,
  IpSource,
  LatencySeries,
  StatusSnapshotEntry,
  StoredCheckEntry,
  Timeline,
  TimelineQuery,
} from '../../shared/history'
import type { WatchEvent, WatchEventsQuery } from '../../shared/watch'
import type { AuditEntry, AuditQuery, AuditStep } from '../../shared/audit'
import type { Logger } from '../log'
import { AuditTable } from './audit'
import { IN_MEMORY, isCorruptionError } from './database'
import { importHealthHistory, type ImportedEntry, type ImportResult } from './import-json'
import { HISTORY_DB_FILE, openHistoryDatabase, startAfresh, type OpenedHistoryDatabase } from './open'
import { HistoryReader } from './reader'
import { HistoryRecorder } from './recorder'
import { PruneStep, RetentionPruner } from './retention'
import { WatchEventsTable } from './watch-events'

export interface HistoryStoreOptions {
  log: Logger
  now?: () => number
}

export class HistoryStore {
  private reader!: HistoryReader
  private recorder!: HistoryRecorder
  private prune!: PruneStep
  private watch!: WatchEventsTable
  private auditTable!: AuditTable
  private notice: HistoryNotice | undefined
  private readonly now: () => number
  private readonly pruner: RetentionPruner

  constructor(
    readonly path: string,
    opened: OpenedHistoryDatabase,
    private readonly options: HistoryStoreOptions,
  ) {
    this.now = options.now ?? Date.now
    this.use(opened)
    this.pruner = new RetentionPruner({
      step: (cutoff, rows) =>
        this.guard(() => {
          const deleted = this.prune.run(cutoff, rows)
          // The recorder caches each connection's latest IP stretch and status; retention may have deleted them.
          if (deleted > 0) this.recorder.forgetCached()
          return deleted
        }),
      retentionDays: () => this.retentionDays(),
      now: this.now,
      log: options.log,
    })
  }

  /** What the app should tell the user once (the database was replaced); cleared by reading it. */
  takeNotice(): HistoryNotice | undefined {
    const notice = this.notice
    this.notice = undefined
    return notice
  }

  // --- writes ------------------------------------------------------------------------------------------

  recordChecks(batch: readonly CheckRecord[]): number {
    return this.guard(() => this.recorder.recordChecks(batch))
  }

  recordStatuses(snapshot: readonly StatusSnapshotEntry[], at = this.now()): number {
    return this.guard(() => this.recorder.recordStatuses(snapshot, at))
  }

  /** `returnedAfterMs` when the IP came back to this connection (recorder.ts). */
  recordExitIp(connectionId: string, ip: string, source: IpSource, at = this.now()): { returnedAfterMs?: number } {
    return this.guard(() => this.recorder.recordExitIp(connectionId, ip, source, at))
  }

  recordIpHistory(connectionId: string, entries: ReadonlyArray<{ date: string; ipv4?: string; ipv6?: string }>): number {
    return this.guard(() => this.recorder.recordIpHistory(connectionId, entries))
  }

  recordAction(action: ActionRecord): void {
    this.guard(() => this.recorder.recordAction(action, this.now()))
  }

  recordConnectionNames(list: ReadonlyArray<{ connectionId: string; name: string }>): void {
    this.guard(() => this.recorder.recordConnectionNames(list, this.now()))
  }

  /** The fleet watch's events, in one transaction; returned with their ids. */
  recordWatchEvents(events: readonly WatchEvent[]): WatchEvent[] {
    if (events.length === 0) return []
    return this.guard(() => this.watch.write(events))
  }

  // The audit trail (audit.ts): bulk runs and rule runs, each step an action of its connection.
  startAuditRun(entry: Omit<AuditEntry, 'steps' | 'outcome' | 'endedAt'>): void {
    this.guard(() => this.auditTable.startRun(entry))
  }

  recordAuditStep(runId: string, step: AuditStep): void {
    this.guard(() => this.auditTable.step(runId, step))
  }

  endAuditRun(runId: string, outcome: AuditEntry['outcome'], endedAt: number): void {
    this.guard(() => this.auditTable.endRun(runId, outcome, endedAt))
  }

  setRetentionDays(days: number): number {
    return this.guard(() => this.reader.settings.setRetentionDays(days))
  }

  /** Imports health-history.json from `dataDir` once (see import-json.ts). */
  importHealthHistory(dataDir: string): Promise<ImportResult | undefined> {
    return importHealthHistory(
      dataDir,
      {
        setting: (key) => this.guard(() => this.reader.settings.get(key)),
        importChecks: (list: Array<{ key: string; entries: ImportedEntry[] }>, marker) =>
          this.guard(() =>
            this.reader.db.transaction(() => {
              const count = this.recorder.recordImportedChecks(list)
              this.reader.settings.set(marker.key, marker.value)
              return count
            }),
          ),
      },
      this.options.log,
      this.now,
    )
  }

  // --- reads -------------------------------------------------------------------------------------------

  board(now = this.now(), reuseWindowMs = DEFAULT_IP_REUSE_WINDOW_MS): BoardRow[] {
    return this.guard(() => this.reader.board(now, reuseWindowMs))
  }

  events(query: TimelineQuery): Timeline {
    return this.guard(() => this.reader.events(query))
  }

  connectionTimeline(connectionId: string, range: HistoryRange, limit?: number): Timeline {
    return this.guard(() => this.reader.connectionTimeline(connectionId, range, limit))
  }

  latencySeries(connectionId: string, range: HistoryRange, maxPoints?: number): LatencySeries {
    return this.guard(() => this.reader.latencySeries(connectionId, range, maxPoints))
  }

  exitIps(connectionId: string): ExitIpSummary[] {
    return this.guard(() => this.reader.exitIps(connectionId))
  }

  ipReuse(windowMs = DEFAULT_IP_REUSE_WINDOW_MS, now = this.now()): IpReuse[] {
    return this.guard(() => this.reader.ipReuse(now, windowMs))
  }

  recentChecks(keys: readonly string[], limit: number): Record<string, StoredCheckEntry[]> {
    return this.guard(() => this.reader.recentChecks(keys, limit))
  }

  /** The fleet watch's events, newest first (the Activity screen, `iproxy watch`). */
  watchEvents(query: WatchEventsQuery): { events: WatchEvent[]; truncated: boolean } {
    return this.guard(() => this.watch.query(query))
  }

  /** Bulk runs and rule runs, newest first, with their steps (of one connection when asked). */
  audit(query: AuditQuery): { entries: AuditEntry[]; truncated: boolean } {
    return this.guard(() => this.reader.audit(query))
  }

  retentionDays(): number {
    return this.guard(() => this.reader.retentionDays())
  }

  // --- life cycle --------------------------------------------------------------------------------------

  /** Starts pruning expired history in the background (now, then every few hours). */
  startRetention(): void {
    this.pruner.start()
  }

  /** One background pass of pruning, chunk by chunk; the rows deleted. */
  pruneExpired(): Promise<number> {
    return this.pruner.runOnce()
  }

  async close(): Promise<void> {
    await this.pruner.stop()
    this.reader.db.close()
  }

  private use(opened: OpenedHistoryDatabase): void {
    this.reader = new HistoryReader(opened.db)
    this.recorder = new HistoryRecorder(opened.db)
    this.prune = new PruneStep(opened.db)
    this.watch = new WatchEventsTable(opened.db)
    this.auditTable = new AuditTable(opened.db)
    if (opened.notice) this.notice = opened.notice
  }

  /** Runs fn; if the file turns out damaged, replaces it with a fresh one and runs fn again there. */
  private guard<T>(fn: () => T): T {
    try {
      return fn()
    } catch (err) {
      if (!isCorruptionError(err) || this.reader.db.path === IN_MEMORY) throw err
      this.options.log('the history database is damaged', err)
      try {
        this.reader.db.close()
      } catch {
        // Closing a damaged file may fail too; it is moved aside either way.
      }
      this.use(startAfresh(this.path, 'corrupt', err, { log: this.options.log, now: this.now }))
      return fn()
    }
  }
}

/**
 * Opens (or creates) `history.sqlite` in the app's data folder. Never throws: a database that cannot be used is
 * replaced (see open.ts) and `takeNotice()` says so.
 */
export function createHistoryStore(dataDir: string, options: HistoryStoreOptions): HistoryStore {
  const path = join(dataDir, HISTORY_DB_FILE)
  return new HistoryStore(path, openHistoryDatabase(path, { log: options.log, ...(options.now ? { now: options.now } : {}) }), options)
}

/** Imports the old health-history.json once (see import-json.ts). Never throws: a failure is logged and retried next start. */
export async function importOldCheckHistory(store: HistoryStore, dataDir: string, log: Logger): Promise<void> {
  try {
    await store.importHealthHistory(dataDir)
  } catch (err) {
    // The old file stays where it is, unimported; the next start tries again.
    log('could not import the old check history (health-history.json)', err)
  }
}

/** `createHistoryStore`, then the one-time import of health-history.json. */
export async function openHistoryStore(dataDir: string, options: HistoryStoreOptions): Promise<HistoryStore> {
  const store = createHistoryStore(dataDir, options)
  await importOldCheckHistory(store, dataDir, options.log)
  return store
}

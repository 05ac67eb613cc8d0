/**
 * The seams between bulk runs (main/bulk), rules (main/rules) and the audit trail (main/history), so each is built
 * and tested on its own:
 *
 *   ConnectionActions  does one thing to one connection (a command, change IP and verify, settings, prolong, VPN
 *                      files, a check) and says how it went; never throws. Bulk runs and rule chains both use it.
 *   PhoneGate          one action at a time per phone, and a least gap between two on the same phone.
 *   AuditWriter        writes runs and their steps into the history database (the `runs` table).
 */
import type { AuditEntry, AuditStep } from '../../shared/audit'
import type { BulkAction } from '../../shared/bulk'

/** How one action on one connection went: `skipped` was never sent (no proxy to verify through, gone ...). */
export interface StepOutcome {
  outcome: 'ok' | 'failed' | 'skipped'
  /** Why it failed or was skipped, in words a user reads (never a secret). */
  reason?: string
  /** The reason as a code the page words in its language (`errors.<code>`: an API error's, or connection-actions.ts's own). */
  code?: string
  detail?: Record<string, string | number | boolean>
}

/** A step only rules take besides the bulk actions: check the connection's proxies once. */
export type ConnectionStep = BulkAction | { kind: 'check' }

/**
 * Who acts, and as a step of which run. A change of IP inside a run is recorded as that run's step only (the
 * audit's `change_ip` action); without `runId` it is recorded as an action of its own, like the page's.
 */
export interface ActionContext {
  by: 'user' | 'rule'
  runId?: string
}

export interface ConnectionActions {
  run(step: ConnectionStep, connectionId: string, signal: AbortSignal, context?: ActionContext): Promise<StepOutcome>
}

export interface PhoneGate {
  /**
   * Waits until no other action holds the phone and the least gap since its last action has passed; resolves with
   * the release (call it when the action is over). Rejects with the signal's reason when aborted while waiting.
   */
  acquire(connectionId: string, signal: AbortSignal): Promise<() => void>
  /**
   * The release now, or undefined when the phone is not free at once: another action holds it, another waits for
   * it, or its last action ended less than the gap ago (rules skip rather than wait).
   */
  tryAcquire(connectionId: string): (() => void) | undefined
  /** True while an action holds the phone ("never while another action runs on it"; the gap alone is not busy). */
  busy(connectionId: string): boolean
}

export interface AuditWriter {
  /** A run begins (its steps come later); `id` is the run's own. */
  startRun(entry: Omit<AuditEntry, 'steps' | 'outcome' | 'endedAt'>): void
  step(runId: string, step: AuditStep): void
  endRun(runId: string, outcome: AuditEntry['outcome'], endedAt: number): void
}

/**
 * The audit trail: every bulk run and every rule run as one entry with its steps, their results and times. Stored
 * in the history database (the `runs` table, each step an `actions` row pointing at its run), shown by a
 * connection's History tab and the Activity screen, exported as CSV (shared/csv-tables.ts `auditCsv`).
 */
import { z } from 'zod'

export const AUDIT_KINDS = ['bulk', 'rule'] as const
export type AuditKind = (typeof AUDIT_KINDS)[number]

export const AUDIT_STEP_OUTCOMES = ['ok', 'failed', 'skipped', 'cancelled'] as const
export type AuditStepOutcome = (typeof AUDIT_STEP_OUTCOMES)[number]

export interface AuditStep {
  connectionId: string
  connectionName?: string
  /** What was done: a command's name (`reboot`, `changeip` ...), `change_ip_verify`, `settings`, `prolong`, `ovpn`, `wait`, `check`, `alert`. */
  step: string
  at: number
  endedAt?: number
  outcome: AuditStepOutcome
  /** Why it failed or was skipped, in words. */
  error?: string
  detail?: Record<string, string | number | boolean>
}

export interface AuditEntry {
  /** The run's id (a bulk run's or a rule run's). */
  id: string
  kind: AuditKind
  by: 'user' | 'rule'
  /** A bulk run's action (`reboot`, `settings` ...) or the rule's name. */
  title: string
  ruleId?: string
  startedAt: number
  endedAt?: number
  /** `done` (every step ok), `partial` (some failed or skipped), `failed`, `cancelled`, `running`. */
  outcome: 'running' | 'done' | 'partial' | 'failed' | 'cancelled'
  /** What the run was asked to do, flat (the settings applied, the days prolonged ...). */
  detail?: Record<string, string | number | boolean>
  steps: AuditStep[]
}

export const auditQuerySchema = z.strictObject({
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
  /** Only runs that touched this connection (with only its steps). */
  connectionId: z.string().min(1).max(128).optional(),
  kinds: z.array(z.enum(AUDIT_KINDS)).max(AUDIT_KINDS.length).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
})
export type AuditQuery = z.infer<typeof auditQuerySchema>

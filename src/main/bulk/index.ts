/**
 * Bulk runs: one action on many connections (service.ts, runner.ts), each through the phone gate (phone-gate.ts)
 * and ConnectionActions (connection-actions.ts), every run in the audit trail (history/audit.ts). The app wires
 * them in calls.ts; the command line (`iproxy bulk`) and the rules (main/rules) build the same pieces from here.
 */
export { createBulkService, actionDetail, KEPT_FINISHED_RUNS, type BulkService, type BulkServiceOptions, type BulkStartOptions } from './service'
export { createConnectionActions, flatSettings, type ActionsHealth, type ConnectionActionsDeps } from './connection-actions'
export { createPhoneGate, type PhoneGateOptions } from './phone-gate'
export { createBulkSettingsStore, BULK_SETTINGS_FILE, DEFAULT_BULK_SETTINGS, type BulkSettingsStore, type BulkSettingsUpdate } from './settings'
export { createAuditWriter } from '../history/audit'
export { stepName } from './runner'
export { BULK_WORDS, BULK_REASON_CODES, type BulkWords } from './words'
export type { ActionContext, AuditWriter, ConnectionActions, ConnectionStep, PhoneGate, StepOutcome } from './types'

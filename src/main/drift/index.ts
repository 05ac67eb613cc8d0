/** The API drift report: what the real service answers, against what the docs say (report.ts). */
export { runDriftReport, verdictOf, type DriftOptions } from './report'
export { describeDifference, driftSummary, formatDriftReport } from './format'
export { DRIFT_ENDPOINTS } from './endpoints'
export { strictOf } from './strict'

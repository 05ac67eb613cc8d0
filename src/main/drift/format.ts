/**
 * The drift report as plain text: `iproxy doctor`'s output and, in short, a paragraph of "Copy diagnostics".
 * English only: both go to support and into bug reports (the Help screen words it in the interface language).
 */
import type { DriftDifference, DriftReport } from '../../shared/drift'

const KIND_WORDS: Record<DriftDifference['kind'], string> = {
  'undocumented-field': 'a field the docs do not mention',
  'missing-field': 'a documented field is missing',
  type: 'a different type',
  'enum-value': 'a value the docs do not list',
  value: 'a value the documented rule refuses',
  status: 'an unexpected HTTP status',
  'not-json': 'an answer that is not JSON',
}

/** One difference in one line: `GET /me  balance: a different type (docs: string, got: number)`. */
export function describeDifference(d: DriftDifference): string {
  const where = d.path === '' ? '' : ` ${d.path}:`
  const detail = d.expected !== undefined || d.received !== undefined
    ? ` (docs: ${d.expected ?? '-'}${d.received === undefined ? '' : `, got: ${d.received}`})`
    : ''
  const times = d.count > 1 ? ` ×${d.count}` : ''
  const breaks = d.breaks ? ' [the app cannot read this answer]' : ''
  return `GET ${d.endpoint}${where} ${KIND_WORDS[d.kind]}${detail}${times}${breaks}`
}

export function formatDriftReport(report: DriftReport): string {
  const lines = [`API drift report for ${report.apiHost}, ${report.checkedAt}${report.connection ? ` (connection ${report.connection})` : ''}`, '']
  for (const e of report.endpoints) {
    const status = e.status === undefined ? '' : ` HTTP ${e.status}`
    lines.push(`  ${e.outcome.padEnd(8)} GET ${e.endpoint}${status}${e.note ? ` (${e.note})` : ''}`)
  }
  lines.push('')
  if (report.differences.length > 0) {
    lines.push('Differences:')
    for (const d of report.differences) lines.push(`  ${describeDifference(d)}`)
    lines.push('')
  }
  lines.push(report.verdict)
  return `${lines.join('\n')}\n`
}

/** The report in a few lines, for "Copy diagnostics": the verdict and at most `max` differences. */
export function driftSummary(report: DriftReport, max = 10): string {
  const shown = report.differences.slice(0, max).map((d) => `  ${describeDifference(d)}`)
  const more = report.differences.length > max ? [`  … and ${report.differences.length - max} more`] : []
  return [`API check (${report.checkedAt}): ${report.verdict}`, ...shown, ...more].join('\n')
}

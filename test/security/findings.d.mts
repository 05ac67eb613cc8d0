/** Types for findings.mjs (plain ESM so that `node test/security/electronegativity.mjs` runs without a build). */
export interface Finding {
  id: string
  severity: string
  confidence: string
  file: string
  line: number
  column: number
  sample: string
  description: string
}
export interface Suppression {
  ids: string[]
  reason: string
  unknown: string[]
  justified: boolean
  text: string
}
export interface Verdict {
  blocking: Finding[]
  suppressed: Finding[]
  informational: Finding[]
}
export function parseCsv(text: string): string[][]
export function parseFindingsCsv(text: string): Finding[]
export function knownCheckIds(): Set<string>
export function parseSuppression(lineText: string): Suppression | undefined
export function isSuppressed(file: string, line: number, id: string): boolean
export function checkFindings(findings: Finding[], options: { root: string }): Verdict
export function findSuppressions(dir: string): (Suppression & { file: string; line: number })[]
export function formatFinding(finding: Finding): string
export function normalizeCode(code: string | undefined): string
export function traceToReviewedSource(
  outFindings: Finding[],
  reviewedSrcFindings: Finding[],
): { traced: { finding: Finding; source: Finding }[]; blocking: Finding[] }

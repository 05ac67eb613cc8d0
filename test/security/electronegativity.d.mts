/** Types for electronegativity.mjs (plain ESM: it is also the `node test/security/electronegativity.mjs` script). */
import type { Finding, Suppression, Verdict } from './findings.mjs'

export const ROOT: string
export const RESULTS_DIR: string
export const NETWORK_CHECKS: string[]
export function runElectronegativity(options: { input: string; name: string }): Promise<{
  csv: string
  errors: { file: string; message: string }[]
  checks: number
}>
interface Scan {
  csv: string
  checks: number
  findings: Finding[]
  verdict: Verdict
}
export function securityGate(): Promise<{
  ok: boolean
  lines: string[]
  src: Scan
  out: Scan
  traced: { finding: Finding; source: Finding }[]
  suppressions: (Suppression & { file: string; line: number })[]
}>

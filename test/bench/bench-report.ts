/**
 * The machine-readable side of every `npm run bench:*`: beside the table it prints, each benchmark writes its
 * figures to `out/bench/<name>.json`, so two runs (before and after a change, or two machines) can be compared
 * by a script instead of by reading two tables. Used by the vitest benchmarks and by the Playwright UI benchmark
 * (plain Node: no vitest or Playwright import here).
 *
 * The JSON document, one a benchmark, replaced on every run:
 *
 *   {
 *     "name": "exports",                          // the benchmark: client | simulator | health | exports | ui
 *     "at": "2025-01-01T12:00:00.000Z",           // when the report was written (ISO 8601, UTC)
 *     "machine": { "cpus": 2, "node": "v20.x" },  // logical CPUs and Node's version: figures differ by machine
 *     "figures": [
 *       {
 *         "name": "json: parse",                  // unique within the report, stable from run to run
 *         "value": 123.4,                         // a finite number, rounded to 3 decimals
 *         "unit": "ms",                           // see BenchUnit
 *         "compare": {                            // only where the bench measures something to read it against
 *           "name": "JSON.parse",                 //   (curl's time, V8's builtin, the ideal)
 *           "value": 61.7,
 *           "unit": "ms"
 *         },
 *         "ratio": 2                              // value / compare.value, present exactly when compare is
 *       }
 *     ]
 *   }
 *
 * A figure whose value is not a finite number (NaN from an empty median, Infinity) is refused when it is added,
 * with the figure's name: a report never holds a figure a script cannot compare. Targets and budgets are not
 * figures; the table prints them.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join, resolve } from 'node:path'

/** ms: time; MB/KB: bytes / 1024²  / 1024; count: things counted; x: a multiple; load: the load average. */
export type BenchUnit = 'ms' | 'ops/s' | 'MB' | 'KB' | 'count' | 'x' | 'load'

export interface BenchCompare {
  name: string
  value: number
  unit: BenchUnit
}

export interface BenchFigure {
  name: string
  value: number
  unit: BenchUnit
  compare?: BenchCompare
  ratio?: number
}

export interface BenchReport {
  name: string
  at: string
  machine: { cpus: number; node: string }
  figures: BenchFigure[]
}

/** Where `npm run bench:*` writes its reports: out/bench at the repository root. */
export const BENCH_OUT_DIR = resolve(__dirname, '../../out/bench')

const rounded = (value: number): number => Math.round(value * 1000) / 1000

function finite(value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`bench figure ${what} is not a finite number (${String(value)})`)
  return value
}

/** Collects one benchmark's figures in the order they are printed, then writes them as one report. */
export class BenchRecorder {
  private readonly list: BenchFigure[] = []

  constructor(readonly name: string) {}

  get figures(): readonly BenchFigure[] {
    return this.list
  }

  /** Adds a figure; throws when a value is not finite, a compare value is 0, or the name is already taken. */
  add(name: string, value: number, unit: BenchUnit, compare?: BenchCompare): void {
    if (this.list.some((f) => f.name === name)) throw new Error(`bench figure "${name}" is added twice`)
    const figure: BenchFigure = { name, value: rounded(finite(value, `"${name}"`)), unit }
    if (compare) {
      const against = finite(compare.value, `"${name}" compared with "${compare.name}"`)
      if (against === 0) throw new Error(`bench figure "${name}" is compared with "${compare.name}", which is 0: no ratio`)
      figure.compare = { name: compare.name, value: rounded(against), unit: compare.unit }
      figure.ratio = rounded(value / against)
    }
    this.list.push(figure)
  }

  report(at = new Date()): BenchReport {
    return { name: this.name, at: at.toISOString(), machine: { cpus: cpus().length, node: process.version }, figures: [...this.list] }
  }

  /**
   * Writes `<dir>/<name>.json` atomically (a temp file beside it, then a rename), so a reader never sees half a
   * report and a run that dies midway leaves the previous report whole. Returns the path written.
   */
  write(dir = BENCH_OUT_DIR): string {
    mkdirSync(dir, { recursive: true })
    const path = join(dir, `${this.name}.json`)
    const temp = `${path}.${process.pid}.tmp`
    writeFileSync(temp, `${JSON.stringify(this.report(), null, 2)}\n`)
    renameSync(temp, path)
    return path
  }
}

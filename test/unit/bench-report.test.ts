/** The benchmarks' JSON reports (test/bench/bench-report.ts): written where a script can read them back whole. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BenchRecorder, type BenchReport } from '../bench/bench-report'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iproxy-bench-report-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const readReport = async (path: string): Promise<BenchReport> => JSON.parse(await readFile(path, 'utf8')) as BenchReport

describe('BenchRecorder', () => {
  it('writes <name>.json with the machine, the figures in order and value / compare as the ratio', async () => {
    const bench = new BenchRecorder('exports')
    bench.add('json: parse', 120.123456, 'ms', { name: 'JSON.parse', value: 60, unit: 'ms' })
    bench.add('json: size', 15.2, 'MB')
    const before = Date.now()
    const path = bench.write(join(dir, 'out', 'bench')) // a directory that does not exist yet

    expect(path).toBe(join(dir, 'out', 'bench', 'exports.json'))
    const report = await readReport(path)
    expect(report.name).toBe('exports')
    expect(Date.parse(report.at)).toBeGreaterThanOrEqual(before - 1000)
    expect(report.machine).toEqual({ cpus: cpus().length, node: process.version })
    expect(report.figures).toEqual([
      { name: 'json: parse', value: 120.123, unit: 'ms', compare: { name: 'JSON.parse', value: 60, unit: 'ms' }, ratio: 2.002 },
      { name: 'json: size', value: 15.2, unit: 'MB' },
    ])
  })

  it('replaces the previous report and leaves no temp file behind', async () => {
    const first = new BenchRecorder('client')
    first.add('wall', 10, 'ms')
    first.write(dir)
    const second = new BenchRecorder('client')
    second.add('wall', 20, 'ms')
    const path = second.write(dir)

    expect((await readReport(path)).figures).toEqual([{ name: 'wall', value: 20, unit: 'ms' }])
    expect(await readdir(dir)).toEqual(['client.json'])
  })

  it('refuses a value that is not finite, naming the figure, and keeps the figures before it', async () => {
    const bench = new BenchRecorder('health')
    bench.add('one check alone', 101, 'ms')
    expect(() => bench.add('checkMany: wall', Number.NaN, 'ms')).toThrow('bench figure "checkMany: wall" is not a finite number (NaN)')
    expect(() => bench.add('curl: wall', 900, 'ms', { name: 'checkMany', value: Number.POSITIVE_INFINITY, unit: 'ms' })).toThrow(
      'bench figure "curl: wall" compared with "checkMany" is not a finite number (Infinity)',
    )
    expect(() => bench.add('floor', 5, 'ms', { name: 'ideal', value: 0, unit: 'ms' })).toThrow('compared with "ideal", which is 0')
    expect(() => bench.add('one check alone', 99, 'ms')).toThrow('bench figure "one check alone" is added twice')

    expect((await readReport(bench.write(dir))).figures).toEqual([{ name: 'one check alone', value: 101, unit: 'ms' }])
  })
})

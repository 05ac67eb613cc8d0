/**
 * `--demo`: the embedded simulator with its demo account, so anyone can try every command with no key. The three
 * examples of the README's "Command line" section run here exactly as written there (read from README.md).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonLines, requireBuiltCli, ROOT, runCli, scratchDataDir } from './support'

let data: { dir: string; remove(): Promise<void> }
let env: Record<string, string>

beforeAll(async () => {
  requireBuiltCli()
  data = await scratchDataDir()
  env = { IPROXY_DATA_DIR: data.dir }
})
afterAll(async () => {
  await data?.remove()
})

/** The `iproxy ...` lines of the README's "Command line" section, as `node out/cli/iproxy.mjs` arguments. */
function readmeExamples(): string[][] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const section = readme.split('\n## Command line')[1]?.split('\n## ')[0] ?? ''
  const block = section.split('```sh')[1]?.split('```')[0] ?? ''
  return block
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('iproxy '))
    .map((l) => l.replace(/\s+[>|].*$/, '').split(/\s+/).slice(1))
}

describe('the README examples, as written, with --demo', () => {
  it('lists three examples: export a CSV, check all as JSON, rotate and verify', () => {
    const examples = readmeExamples()
    expect(examples.map((e) => e[0])).toEqual(['export', 'check', 'rotate'])
    for (const e of examples) expect(e).toContain('--demo')
  })

  it('export a CSV', async () => {
    const run = await runCli(readmeExamples()[0]!, { env })
    expect(run.code).toBe(0)
    const [header, ...rows] = run.stdout.trimEnd().split('\n')
    expect(header).toBe('connection_name,connection_id,proxy_id,service,auth_type,hostname,ip,port,login,password,expires_at,description')
    expect(rows.length).toBeGreaterThan(20)
  })

  it('check all proxies as JSON', async () => {
    const run = await runCli(readmeExamples()[1]!, { env })
    const lines = jsonLines(run.stdout)
    const summary = lines.at(-1)!
    expect(summary.type).toBe('summary')
    expect(summary.ok as number).toBeGreaterThan(10)
    // The demo account has offline phones on purpose: some checks fail, so the exit code is 1.
    expect(summary.failed as number).toBeGreaterThan(0)
    expect(run.code).toBe(1)
  })

  it('rotate and verify', async () => {
    const run = await runCli(readmeExamples()[2]!, { env })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Moscow MTS 01\s+changed\s+\d+\.\d+\.\d+\.\d+\s+\d+\.\d+\.\d+\.\d+/)
  })
})

describe('every other command with --demo', () => {
  it('me, connections, proxies', async () => {
    const me = await runCli(['me', '--demo'], { env })
    expect(me.code).toBe(0)
    expect(me.stdout).toContain('Demo Account')
    const connections = await runCli(['connections', '--demo', '--json'], { env })
    expect(JSON.parse(connections.stdout).connections).toHaveLength(12)
    const proxies = await runCli(['proxies', '--demo', '--json'], { env })
    expect(JSON.parse(proxies.stdout).proxies.length).toBeGreaterThan(20)
  })

  it('ovpn into a folder', async () => {
    const run = await runCli(['ovpn', '--demo', '--out', data.dir, '--json'], { env })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).written.length).toBeGreaterThan(0)
  })

  it('a flag wins over IPROXY_API_KEY, and says so', async () => {
    const run = await runCli(['me', '--demo', '--json'], { env: { ...env, IPROXY_API_KEY: 'some-other-key-123456' } })
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('Using --demo, not IPROXY_API_KEY.')
    expect(run.stderr).not.toContain('some-other-key-123456')
  })
})

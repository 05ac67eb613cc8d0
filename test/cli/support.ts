/**
 * Runs the built `iproxy` (out/cli/iproxy.mjs) as a child process, the way a script or a person would, with a
 * scratch data folder and only the environment a test gives it (never the developer's IPROXY_* variables).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/main/demo'

export const ROOT = resolve(__dirname, '../..')
export const CLI = join(ROOT, 'out/cli/iproxy.mjs')

export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test builds before this stage).`)
}

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface CliOptions {
  env?: Record<string, string | undefined>
  /** Written to stdin, which is then closed; stdin is closed at once when absent. */
  input?: string
  /** Called once the process runs (to send it signals). */
  started?: (child: ChildProcess) => void
}

/** The environment without anything that would pick an account or folder the test did not choose. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('IPROXY_') && k !== 'NO_COLOR' && k !== 'FORCE_COLOR') env[k] = v
  // The keyring tests need the private Secret Service; the marker itself is the test's, not the CLI's business.
  if (process.env.IPROXY_TEST_KEYRING) env.IPROXY_TEST_KEYRING = process.env.IPROXY_TEST_KEYRING
  return env
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const env = { ...baseEnv(), ...options.env }
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k]
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.once('error', reject)
    child.once('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }))
    if (options.input !== undefined) child.stdin.end(options.input)
    else child.stdin.end()
    options.started?.(child)
  })
}

/** A scratch data folder; with `echoUrl`, its health settings send checks there (as a user's settings would). */
export async function scratchDataDir(echoUrl?: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'iproxy-cli-'))
  if (echoUrl) await writeFile(join(dir, 'health-settings.json'), JSON.stringify({ echoUrls: [echoUrl] }))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

/** Parses JSON lines. */
export function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}

/** What no expected error may show: a stack trace. */
export const STACK_RE = /\n\s+at .+:\d+:\d+/
/** ANSI colour escapes. */
// eslint-disable-next-line no-control-regex -- the escape character is exactly what is looked for
export const ANSI_RE = /\x1b\[/

export interface SimulatedAccount {
  sim: Simulator
  key: string
  data: { dir: string; remove(): Promise<void> }
  /** IPROXY_API_KEY, IPROXY_API_URL and IPROXY_DATA_DIR for that account: how a server or CI runs the command. */
  env: Record<string, string>
  stop(): Promise<void>
}

/** The demo account on an in-process simulator with a known key, and a scratch data folder whose checks echo to it. */
export async function startSimulatedAccount(key: string, timing?: SimulatorOptions['timing']): Promise<SimulatedAccount> {
  requireBuiltCli()
  const sim = await startSimulator({ seed: 'demo', apiKey: key, ...(timing ? { timing } : {}) })
  const data = await scratchDataDir(sim.echoUrl)
  return {
    sim,
    key,
    data,
    env: { IPROXY_API_KEY: key, IPROXY_API_URL: sim.baseUrl, IPROXY_DATA_DIR: data.dir },
    stop: async () => {
      await sim.stop()
      await data.remove()
    },
  }
}

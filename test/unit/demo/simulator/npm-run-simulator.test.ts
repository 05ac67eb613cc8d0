/**
 * `npm run simulator` as a developer or a process manager runs it: spawned through npm, stopped with SIGTERM sent
 * to npm. Before, npm's `sh -c` died and left its node child serving the port.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../../../..')
let started: ChildProcess | undefined
let tree: number[] = []

/** Every live process below `pid` (Linux /proc), so the test can see what npm started. */
function descendants(pid: number): number[] {
  let children: number[] = []
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    return []
  }
  return children.flatMap((child) => [child, ...descendants(child)])
}

/** Running, not gone and not a zombie waiting to be reaped (a zombie serves nothing). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => (socket.destroy(), done(true)))
    socket.once('error', () => done(false))
  })
}

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return check()
}

afterEach(() => {
  // Only what this test started, by pid.
  for (const pid of [started?.pid, ...tree]) if (pid !== undefined && alive(pid)) process.kill(pid, 'SIGKILL')
  started = undefined
  tree = []
})

describe.skipIf(process.platform !== 'linux')('npm run simulator (reads /proc, so Linux only)', () => {
  it('SIGTERM to npm closes the port and leaves no child process behind', async () => {
    const npm = spawn('npm', ['run', '--silent', 'simulator', '--', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    started = npm
    let output = ''
    npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    expect(await until(() => /baseUrl: http:\/\/127\.0\.0\.1:\d+/.test(output), 60_000), output).toBe(true)
    const port = Number(/baseUrl: http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1])
    expect(await portOpen(port)).toBe(true)
    tree = descendants(npm.pid ?? 0)
    expect(tree.length).toBeGreaterThan(0)

    npm.kill('SIGTERM')

    await until(async () => !(await portOpen(port)), 5_000)
    expect(await portOpen(port)).toBe(false)
    expect(await until(() => tree.every((pid) => !alive(pid)), 5_000)).toBe(true)
    expect(tree.filter(alive)).toEqual([])
  }, 90_000)
})

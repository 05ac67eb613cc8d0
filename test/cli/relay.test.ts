/**
 * `iproxy relay` as a child process: it prints its listeners, curl goes through them, SIGTERM ends it with 0.
 * A proxy URL (an in-test simulator's proxy, whose exit IP the echo reports) and an account access ID with --demo.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/main/demo'
import { curl, echoThrough, simUpstream } from '../unit/relay/support'
import { CLI, ROOT, requireBuiltCli, runCli, scratchDataDir } from './support'
import { freePort } from '../support/dante'

let sim: Simulator
let data: { dir: string; remove(): Promise<void> }
beforeAll(async () => {
  requireBuiltCli()
  sim = await startSimulator({ seed: 'demo' })
  data = await scratchDataDir()
})
afterAll(async () => {
  await sim.stop()
  await data.remove()
})

interface Running {
  child: ChildProcess
  ports: { http: number; socks5: number }
  output: () => { stdout: string; stderr: string }
  exit: Promise<number | null>
}

/** Starts `iproxy relay ...` and waits for both listener lines (on `host`, 127.0.0.1 unless --bind says). */
function startCli(args: string[], extraEnv: Record<string, string> = {}, host = '127.0.0.1'): Promise<Running> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = { ...extraEnv }
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('IPROXY_')) env[k] = v
    const child = spawn(process.execPath, [CLI, 'relay', ...args, '--data-dir', data.dir], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    const exit = new Promise<number | null>((r) => child.once('close', (code) => r(code)))
    const timer = setTimeout(() => reject(new Error(`no listener lines in 20 s: ${stdout} ${stderr}`)), 20_000)
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d
      const http = new RegExp(`^relay http ${host.replaceAll('.', '\\.')}:(\\d+)$`, 'm').exec(stdout)
      const socks = new RegExp(`^relay socks5 ${host.replaceAll('.', '\\.')}:(\\d+)$`, 'm').exec(stdout)
      if (http && socks) {
        clearTimeout(timer)
        resolve({ child, ports: { http: Number(http[1]), socks5: Number(socks[1]) }, output: () => ({ stdout, stderr }), exit })
      }
    })
    void exit.then((code) => reject(new Error(`iproxy relay exited with ${code}: ${stdout} ${stderr}`)))
  })
}

describe('iproxy relay', () => {
  it('a proxy URL: prints both listeners, curl exits through the proxy, SIGTERM ends it with 0', async () => {
    const { upstream, exitIp } = simUpstream(sim, 'socks5')
    const url = `socks5://${upstream.username}:${upstream.password}@127.0.0.1:${upstream.port}`
    const relay = await startCli([url, '--http-port', '0', '--socks-port', '0'])
    expect((await echoThrough('http', relay.ports.http, sim.echoUrl)).ip).toBe(exitIp)
    expect((await echoThrough('socks5', relay.ports.socks5, sim.echoUrl)).ip).toBe(exitIp)
    relay.child.kill('SIGTERM')
    expect(await relay.exit).toBe(0)
    const { stdout, stderr } = relay.output()
    expect(`${stdout}${stderr}`).not.toContain(upstream.password!)
  })

  it('an access ID of the demo account, on a chosen port', async () => {
    const listed = await runCli(['proxies', '--demo', '--json'])
    const proxies = ((JSON.parse(listed.stdout) as { proxies: unknown }).proxies as Array<{ id: string; protocol: string; authType: string }>).filter((p) => p.authType === 'userpass')
    const target: Server = createServer((req, res) => res.end(`hello ${req.url}`))
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()))
    try {
      const port = await freePort()
      const relay = await startCli([proxies.find((p) => p.protocol === 'http')!.id, '--demo', '--http-port', String(port)])
      expect(relay.ports.http).toBe(port)
      const got = await curl(['-x', `http://127.0.0.1:${relay.ports.http}`, `http://127.0.0.1:${(target.address() as AddressInfo).port}/x`])
      expect(got.stdout).toBe('hello /x')
      relay.child.kill('SIGINT')
      expect(await relay.exit).toBe(0)
    } finally {
      await new Promise<void>((r) => target.close(() => r()))
    }
  })

  it('no proxy, or an unknown scheme: a usage error (exit 2)', async () => {
    const none = await runCli(['relay'])
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/Say which proxy/)
    const bad = await runCli(['relay', 'ftp://u:secret-Pw@h:21'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/unsupported proxy scheme ftp/)
    expect(bad.stderr).not.toContain('secret-Pw')
  })
})

describe('iproxy relay --bind', () => {
  it('beyond loopback it needs --login; with one, clients must give it, and the password is never printed', async () => {
    const { upstream, exitIp } = simUpstream(sim, 'socks5')
    const url = `socks5://${upstream.username}:${upstream.password}@127.0.0.1:${upstream.port}`
    const open = await runCli(['relay', url, '--bind', '0.0.0.0'])
    expect(open.code).toBe(2)
    expect(open.stderr).toMatch(/--bind 0\.0\.0\.0 lets other computers use the relay: give --login USER, with the password in IPROXY_RELAY_PASSWORD/)
    const noPassword = await runCli(['relay', url, '--bind', '0.0.0.0', '--login', 'office'])
    expect(noPassword.code).toBe(2)
    expect(noPassword.stderr).toMatch(/--login needs a password: set IPROXY_RELAY_PASSWORD/)

    const password = 'Relay-pass-9051'
    const relay = await startCli([url, '--bind', '0.0.0.0', '--login', 'office'], { IPROXY_RELAY_PASSWORD: password }, '0.0.0.0')
    expect((await curl(['-x', `http://127.0.0.1:${relay.ports.http}`, '-o', '/dev/null', '-w', '%{http_code}', sim.echoUrl])).stdout).toBe('407')
    expect((await echoThrough('http', relay.ports.http, sim.echoUrl, ['-U', `office:${password}`])).ip).toBe(exitIp)
    expect((await echoThrough('socks5', relay.ports.socks5, sim.echoUrl, ['-U', `office:${password}`])).ip).toBe(exitIp)
    relay.child.kill('SIGTERM')
    expect(await relay.exit).toBe(0)
    const { stdout, stderr } = relay.output()
    expect(`${stdout}${stderr}`).not.toContain(password)
  })
})

describe('iproxy relay --group', () => {
  it('the first proxy of the group refuses: connections go out through the second', async () => {
    const { upstream, exitIp } = simUpstream(sim, 'http', 1)
    const dead = await freePort()
    const relay = await startCli(['--group', `socks5://u:p@127.0.0.1:${dead}`, `http://${upstream.username}:${upstream.password}@127.0.0.1:${upstream.port}`])
    expect((await echoThrough('socks5', relay.ports.socks5, sim.echoUrl)).ip).toBe(exitIp)
    expect((await echoThrough('http', relay.ports.http, sim.echoUrl, ['-p'])).ip).toBe(exitIp)
    relay.child.kill('SIGTERM')
    expect(await relay.exit).toBe(0)
  })
})

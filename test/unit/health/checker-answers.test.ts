/**
 * checkProxy through the simulator's SOCKS5 and HTTP proxies against an echo that answers in every framing HTTP
 * allows, and in ways it does not: the status for each must not depend on how the answer was framed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import { checkProxy } from '../../../src/main/health/check-proxy'
import { startScriptedHttpServer, type ScriptedHttpServer } from '../../support/scripted-http-server'
import { expectNoLeakedHandles, simTargets, tcpHandleCount } from './support'

const IP = '198.51.100.7'
const JSON_BODY = `{"ip":"${IP}","country":"DE"}`

/** What the raw echo writes for each path; `null` closes without a word. */
const ANSWERS: Record<string, Array<string | Buffer> | null> = {
  '/length': [`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${JSON_BODY.length}\r\n\r\n${JSON_BODY}`],
  '/chunked': ['HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n', `5\r\n${JSON_BODY.slice(0, 5)}\r\n`, `${(JSON_BODY.length - 5).toString(16)}\r\n${JSON_BODY.slice(5)}\r\n0\r\n\r\n`],
  '/close': [`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${IP}\n`],
  '/interim': ['HTTP/1.1 100 Continue\r\n\r\n', `HTTP/1.1 200 OK\r\nContent-Length: ${JSON_BODY.length}\r\n\r\n${JSON_BODY}`],
  '/big': [`HTTP/1.1 200 OK\r\nContent-Length: ${70 * 1024}\r\n\r\n`, Buffer.alloc(70 * 1024, 0x20)],
  '/bigchunked': ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', `${(70 * 1024).toString(16)}\r\n`, Buffer.alloc(70 * 1024, 0x20), '\r\n0\r\n\r\n'],
  '/garbage': ['SSH-2.0-OpenSSH_9.2\r\n\r\n'],
  '/hangup': null,
  '/cut': [`HTTP/1.1 200 OK\r\nContent-Length: ${JSON_BODY.length + 10}\r\n\r\n${JSON_BODY}`],
}

let sim: Simulator
let echo: ScriptedHttpServer
let echoPort: number

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
  echo = await startScriptedHttpServer((head) => {
    const target = head.split(' ')[1] ?? ''
    return ANSWERS[target.startsWith('http') ? new URL(target).pathname : target] ?? null
  })
  echoPort = echo.port
})

afterAll(async () => {
  await echo.close()
  await sim.stop()
})

const expected: Record<string, Record<'socks5' | 'http', { status: string; httpStatus?: number }>> = {
  '/length': { socks5: { status: 'ok' }, http: { status: 'ok' } },
  '/chunked': { socks5: { status: 'ok' }, http: { status: 'ok' } },
  '/close': { socks5: { status: 'ok' }, http: { status: 'ok' } },
  '/interim': { socks5: { status: 'ok' }, http: { status: 'ok' } },
  '/big': { socks5: { status: 'bad_echo_response' }, http: { status: 'bad_echo_response' } },
  '/bigchunked': { socks5: { status: 'bad_echo_response' }, http: { status: 'bad_echo_response' } },
  // Through the HTTP proxy these become the proxy's own 502: the echo's failure, not the proxy's.
  '/garbage': { socks5: { status: 'proxy_error' }, http: { status: 'target_error', httpStatus: 502 } },
  '/hangup': { socks5: { status: 'proxy_error' }, http: { status: 'target_error', httpStatus: 502 } },
  '/cut': { socks5: { status: 'proxy_error' }, http: { status: 'proxy_error' } },
}

describe('checkProxy reads every framing of the echo answer', () => {
  for (const protocol of ['socks5', 'http'] as const) {
    it(`${protocol}: Content-Length, chunked, close-delimited and 1xx-first answers are ok; oversized, garbled and cut ones fail the same way`, async () => {
      const baseline = tcpHandleCount()
      const [t] = simTargets(sim, protocol, 1)
      for (const [path, want] of Object.entries(expected)) {
        const result = await checkProxy(t!.target, { echoUrl: `http://127.0.0.1:${echoPort}${path}`, timeoutMs: 5_000 })
        expect({ path, status: result.status }, result.error).toEqual({ path, status: want[protocol].status })
        if (want[protocol].status === 'ok') expect(result.exitIp, path).toBe(IP)
        if (want[protocol].httpStatus) expect(result.httpStatus, path).toBe(want[protocol].httpStatus)
      }
      await expectNoLeakedHandles(baseline)
    })
  }
})

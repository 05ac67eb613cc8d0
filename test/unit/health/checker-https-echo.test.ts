/**
 * checkProxy with an https:// echo: a CONNECT tunnel through the HTTP proxy (undici's ProxyAgent) and TLS inside
 * the SOCKS5 tunnel. The echo's certificate is self-signed (a test fixture, not trusted), so the check reaches the
 * TLS handshake through the tunnel and reports the certificate, with no socket left open.
 */
import { createServer as createHttpsServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import { checkProxy } from '../../../src/main/health/check-proxy'
import { expectNoLeakedHandles, simTargets, tcpHandleCount } from './support'

/** Self-signed for localhost / 127.0.0.1, made for this test only. */
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgzK/mmOUT1svMENzN
E3giW/4+TtOGP4Ti4wVu3pFIWeyhRANCAATx4uQKW/3Mr++9AVWExTxwiO7ta2t2
7032BzgVA3mzAcQS+PU9VkFEPwsri1I5eYnHFVNH1VNwyKy2jEyGUKzJ
-----END PRIVATE KEY-----`
const CERT = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUEYcWhMuCzvfxEZh28gNYRft6WfowCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyODE0NDAwNloYDzIxMjYxMTA0
MTQ0MDA2WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATx4uQKW/3Mr++9AVWExTxwiO7ta2t27032BzgVA3mzAcQS+PU9VkFE
Pwsri1I5eYnHFVNH1VNwyKy2jEyGUKzJo28wbTAdBgNVHQ4EFgQUTQivWGFJZEPN
qSOl2SetGjFWTIIwHwYDVR0jBBgwFoAUTQivWGFJZEPNqSOl2SetGjFWTIIwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSAAwRQIgaSxMRgsD/SZxxiZkAgWcSgPKzJHmc4HzsBMiCs8J7ywCIQCy
FFWoTI/3lIezfioT+gXPFWwJwyIQIYfitCvzoy72iA==
-----END CERTIFICATE-----`

let sim: Simulator
let echo: Server
let echoUrl: string

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
  echo = createHttpsServer({ key: KEY, cert: CERT }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"ip":"198.51.100.7"}')
  })
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()))
  echoUrl = `https://127.0.0.1:${(echo.address() as AddressInfo).port}/echo`
})

afterAll(async () => {
  echo.closeAllConnections()
  await new Promise<void>((r) => echo.close(() => r()))
  await sim.stop()
})

describe('checkProxy with an https echo', () => {
  for (const protocol of ['socks5', 'http'] as const) {
    it(`${protocol}: tunnels, meets the TLS certificate, leaves nothing open`, async () => {
      const baseline = tcpHandleCount()
      const [t] = simTargets(sim, protocol, 1)
      const result = await checkProxy(t!.target, { echoUrl, timeoutMs: 5_000 })
      expect(result.status, result.error).toBe('target_error')
      expect(result.error).toMatch(/certificate/i)
      await expectNoLeakedHandles(baseline)
    })
  }

  it('a wrong password on the HTTP proxy is auth_failed for a CONNECT tunnel too', async () => {
    const [t] = simTargets(sim, 'http', 1)
    const result = await checkProxy({ ...t!.target, password: 'wrong-password' }, { echoUrl, timeoutMs: 5_000 })
    expect(result.status, result.error).toBe('auth_failed')
    expect(result.httpStatus).toBe(407)
  })
})

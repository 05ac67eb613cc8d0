/**
 * Action links are run only at https addresses of the profile's API host family; http only for the simulator's
 * loopback API (src/main/iproxy/action-link-hosts.ts). A refused link is never requested.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createIproxyClient, IproxyValidationError } from '../../../src/main/iproxy'
import { actionLinkProblem } from '../../../src/main/iproxy/action-link-hosts'
import { startFakeConsoleServer, type FakeConsoleServer } from '../../support/fake-console-server'

const OFFICIAL = new URL('https://iproxy.online/api/console/v1/')
const problem = (link: string, base = OFFICIAL) => actionLinkProblem(new URL(link), base)

describe('actionLinkProblem', () => {
  it('allows https links on the official family: iproxy.online and fxdx.in', () => {
    expect(problem('https://i.fxdx.in/actionlinks/do/reboot/xyzXYZ')).toBeUndefined()
    expect(problem('https://iproxy.online/actionlinks/do/changeip/a')).toBeUndefined()
  })

  it('refuses http, other hosts, look-alikes and credentials for the official API', () => {
    expect(problem('http://i.fxdx.in/actionlinks/do/reboot/x')).toMatch(/not an https address/)
    expect(problem('https://evil.example/actionlinks/do/reboot/x')).toMatch(/evil\.example, which is not an address of the iProxy service/)
    expect(problem('https://fxdx.in.evil.example/x')).toMatch(/not an address/)
    expect(problem('https://192.168.1.1/x')).toMatch(/not an address/)
    expect(problem('https://127.0.0.1/x')).toMatch(/not an address/)
    expect(problem('https://user:pw@i.fxdx.in/x')).toMatch(/user name or password/)
  })

  it('keeps a custom https API to its own host and subdomains', () => {
    const staging = new URL('https://api.staging.example/v1/')
    expect(problem('https://links.api.staging.example/x', staging)).toBeUndefined()
    expect(problem('https://i.fxdx.in/x', staging)).toMatch(/not an address/)
    expect(problem('http://api.staging.example/x', staging)).toMatch(/not an https address/)
  })

  it('allows http only on loopback, and only when the API itself is http on loopback (the simulator)', () => {
    const sim = new URL('http://127.0.0.1:4010/api/console/v1/')
    expect(problem('http://127.0.0.1:4010/actionlinks/do/reboot/x', sim)).toBeUndefined()
    expect(problem('http://localhost:4011/actionlinks/do/reboot/x', sim)).toBeUndefined()
    expect(problem('http://[::1]:4010/x', sim)).toBeUndefined()
    expect(problem('http://10.0.0.5/x', sim)).toMatch(/not on this computer/)
    expect(problem('https://i.fxdx.in/x', sim)).toMatch(/not on this computer/)
    // A plain-http API that is not on loopback gets no http exception.
    expect(problem('http://api.example/x', new URL('http://api.example/v1/'))).toMatch(/not an https address/)
  })
})

describe('client.actionLinks.execute', () => {
  let server: FakeConsoleServer
  beforeAll(async () => {
    server = await startFakeConsoleServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('refuses a link off the API host family without requesting it', async () => {
    const client = createIproxyClient({ apiKey: 'links-key-abcdef', maxRetries: 0 })
    try {
      const run = client.actionLinks.execute(`${server.origin}/actionlinks/do/reboot/SECRETID`)
      await expect(run).rejects.toBeInstanceOf(IproxyValidationError)
      await expect(run).rejects.toThrow(/not an https address/)
      await expect(run).rejects.not.toThrow(/SECRETID/)
      expect(server.requests).toEqual([])
    } finally {
      await client.close()
    }
  })

  it('runs a loopback link for a loopback http API (the simulator’s case)', async () => {
    server.route('GET', '/actionlinks/do/reboot/abc', () => ({ status: 200, json: { message: 'reboot command has been sent' } }))
    const client = createIproxyClient({ apiKey: 'links-key-abcdef', baseUrl: server.baseUrl, maxRetries: 0 })
    try {
      await expect(client.actionLinks.execute(`${server.origin}/actionlinks/do/reboot/abc`)).resolves.toEqual({ message: 'reboot command has been sent' })
    } finally {
      await client.close()
    }
  })
})

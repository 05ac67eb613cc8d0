/**
 * Plain http for the API only to this computer (issue 17, point 6): the profile form's schema (shared, in the
 * page and in main) and the API client itself refuse http to any other host, so a key is never sent in clear.
 */
import { describe, expect, it } from 'vitest'
import { createIproxyClient } from '../../../src/main/iproxy'
import { baseUrlSchema } from '../../../src/shared/profiles'
import { apiUrlProblem, isLoopbackHost } from '../../../src/shared/validators'

const refused = ['http://example.test/api/console/v1/', 'http://10.0.0.5:8080/', 'http://192.168.1.1/', 'http://127.0.0.1.example.test/', 'http://[::2]/', 'http://localhost.example.test/']
const allowed = ['https://iproxy.online/api/console/v1/', 'https://example.test/', 'http://127.0.0.1:4010/api/console/v1/', 'http://127.8.9.10/', 'http://localhost:3000/', 'http://[::1]:8080/', 'http://sim.localhost/']

describe('the API address', () => {
  it.each(refused)('refuses plain http to %s, in the form and in the client', async (url) => {
    expect(apiUrlProblem(url)).toMatch(/must start with https:\/\/ \(plain http:\/\/ only for this computer/)
    const parsed = baseUrlSchema.safeParse(url)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toMatch(/^the API address must start with https:\/\//)
    expect(() => createIproxyClient({ apiKey: 'key-0001-abcd', baseUrl: url })).toThrow(/the API address must start with https:\/\//)
    try {
      createIproxyClient({ apiKey: 'key-0001-abcd', baseUrl: url })
    } catch (err) {
      expect(err).toMatchObject({ field: 'baseUrl' })
    }
  })

  it.each(allowed)('allows %s', async (url) => {
    expect(apiUrlProblem(url)).toBeUndefined()
    expect(baseUrlSchema.safeParse(url).success).toBe(true)
    const client = createIproxyClient({ apiKey: 'key-0001-abcd', baseUrl: url })
    await client.close()
  })

  it('refuses a user name or password in the address, which would travel with the key', () => {
    expect(baseUrlSchema.safeParse('https://user:pw@iproxy.online/api/console/v1/').error?.issues[0]?.message).toMatch(/user name or password/)
    expect(() => createIproxyClient({ apiKey: 'key-0001-abcd', baseUrl: 'https://user:pw@iproxy.online/' })).toThrow(/user name or password/)
  })

  it('knows which hosts are this computer', () => {
    expect(['localhost', 'LOCALHOST', 'a.localhost', '127.0.0.1', '127.255.0.9', '[::1]', '::1'].filter((h) => !isLoopbackHost(h))).toEqual([])
    expect(['example.test', '128.0.0.1', '10.0.0.1', '::2', '[::ffff:7f00:1]', 'localhost.test', '0.0.0.0'].filter(isLoopbackHost)).toEqual([])
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import { createKeychain, keyHint } from '../../../src/main/secrets/keychain'
import { keychainEntries, keyringAvailability } from '../../support/keyring'
import { requireSystem } from '../../support/system'

const keychain = createKeychain()
const used: string[] = []

afterEach(async () => {
  for (const account of used.splice(0)) await keychain.delete(account).catch(() => false)
})

describe('the OS keychain (a real Secret Service)', () => {
  it('stores, reads back, replaces and deletes a key; after delete secret-tool finds nothing', async (ctx) => {
    if (!requireSystem('Secret Service', keyringAvailability(), ctx.skip)) return
    const account = `test-${Date.now()}`
    used.push(account)
    await keychain.set(account, 'first-key-0001')
    expect(await keychain.get(account)).toBe('first-key-0001')
    expect(keychainEntries(account)).toContain('first-key-0001')

    await keychain.set(account, 'second-key-0002')
    expect(await keychain.get(account)).toBe('second-key-0002')
    expect(keychainEntries(account)).not.toContain('first-key-0001')

    expect(await keychain.delete(account)).toBe(true)
    expect(await keychain.get(account)).toBeNull()
    expect(keychainEntries(account)).not.toContain('second-key-0002')
    expect(keychainEntries(account)).not.toContain(account)
    expect(await keychain.delete(account)).toBe(false)
  })

  it('shows only the last four characters of a key', () => {
    expect(keyHint('abcdefgh1234')).toBe('…1234')
    expect(keyHint('abc')).toBe('••••')
  })
})

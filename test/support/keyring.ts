/**
 * The private Secret Service that test/support/with-keyring.sh starts, and a way to look into it that does not
 * go through our own code (libsecret's `secret-tool`).
 */
import { spawnSync } from 'node:child_process'
import { KEYCHAIN_SERVICE } from '../../src/main/secrets/keychain'
import type { Availability } from './system'

export function keyringAvailability(): Availability {
  if (process.env.IPROXY_TEST_KEYRING === '1') return { available: true }
  return {
    available: false,
    reason:
      'no private Secret Service: run through test/support/with-keyring.sh (npm test does), with the Debian packages dbus, gnome-keyring and libsecret-tools',
  }
}

/** Every secret the keychain holds for our service (and optionally one account), as secret-tool reports it. */
export function keychainEntries(account?: string, service: string = KEYCHAIN_SERVICE): string {
  const args = ['search', '--all', 'service', service, ...(account ? ['account', account] : [])]
  const result = spawnSync('secret-tool', args, { encoding: 'utf8' })
  if (result.error) throw new Error(`secret-tool could not run (${result.error.message}): install libsecret-tools`)
  // secret-tool prints the attributes on stdout and the secret on stderr depending on version: read both.
  return `${result.stdout}${result.stderr}`
}

/** The account names secret-tool finds under `service`: what is really in the keychain, not what our code says. */
export function keychainAccounts(service: string = KEYCHAIN_SERVICE): string[] {
  return [...keychainEntries(undefined, service).matchAll(/attribute\.account = ([^\n]*)/g)].map((m) => m[1]!).sort()
}

/**
 * Stores a secret with secret-tool, bypassing our code, the way keytar files its entries (libsecret's generic
 * schema): what an older version of the app, a crash between two steps, or a person could have left.
 */
export function storeByHand(service: string, account: string, secret: string): void {
  const args = ['store', '--label', `by hand ${account}`, 'xdg:schema', 'org.freedesktop.Secret.Generic', 'service', service, 'account', account]
  const result = spawnSync('secret-tool', args, { input: secret, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`secret-tool store failed: ${result.stderr}`)
}

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux) through keytar.
 * API keys are stored here and nowhere else: when the keychain cannot be used, the user is told what to install
 * or unlock, and nothing falls back to a file.
 */
import { AppError } from '../app-error'

export const KEYCHAIN_SERVICE = 'iproxy-desktop'

/** Where secrets are kept, by account name (the profile id). */
export interface SecretStore {
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  /** True when there was an entry to delete. */
  delete(account: string): Promise<boolean>
  /** Every account that has an entry (to find entries no profile owns any more). */
  accounts(): Promise<string[]>
}

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
}

const WHAT_TO_DO: Record<string, string> = {
  linux:
    'iProxy Desktop keeps API keys only in the system keychain (the Secret Service). Install and start GNOME Keyring ' +
    '(Debian/Ubuntu: `sudo apt install gnome-keyring libsecret-1-0`) or KWallet, make sure it is unlocked (log in to a ' +
    'desktop session, or unlock it in "Passwords and Keys"), then try again.',
  darwin: 'iProxy Desktop keeps API keys only in the macOS Keychain. Unlock your login keychain in Keychain Access, then try again.',
  win32: 'iProxy Desktop keeps API keys only in Windows Credential Manager. Make sure it is available for your user, then try again.',
}

export class KeychainUnavailableError extends AppError {
  constructor(reason: string, platform: string = process.platform) {
    super(
      'keychain_unavailable',
      `The system keychain could not be used (${reason}). ${WHAT_TO_DO[platform] ?? WHAT_TO_DO.linux}`,
      { reason },
    )
    this.name = 'KeychainUnavailableError'
  }
}

function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  return message.replace(/\s+/g, ' ').trim().slice(0, 200) || 'no reason given'
}

export interface KeychainOptions {
  service?: string
  /** Loads keytar; replaceable so a missing native module is reported like any unusable keychain. */
  loadKeytar?: () => Promise<Keytar>
}

export function createKeychain(options: KeychainOptions = {}): SecretStore {
  const service = options.service ?? KEYCHAIN_SERVICE
  const load = options.loadKeytar ?? (async () => (await import('keytar')).default as Keytar)
  let keytar: Promise<Keytar> | undefined

  async function use<T>(operation: (k: Keytar) => Promise<T>): Promise<T> {
    keytar ??= load()
    let k: Keytar
    try {
      k = await keytar
    } catch (err) {
      keytar = undefined
      throw new KeychainUnavailableError(`its module did not load: ${reasonOf(err)}`)
    }
    try {
      return await operation(k)
    } catch (err) {
      // keytar's errors are the system's own words (no D-Bus, no Secret Service, locked collection); none holds the secret.
      throw new KeychainUnavailableError(reasonOf(err))
    }
  }

  return {
    get: (account) => use((k) => k.getPassword(service, account)),
    set: (account, secret) => use((k) => k.setPassword(service, account, secret)),
    delete: (account) => use((k) => k.deletePassword(service, account)),
    // findCredentials reads the secrets too; only the account names leave this function.
    accounts: () => use(async (k) => (await k.findCredentials(service)).map((c) => c.account)),
  }
}

/** A store that lives only in memory: for the demo profile, whose simulator key dies with the app. */
export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>()
  return {
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => {
      secrets.set(account, secret)
    },
    delete: async (account) => secrets.delete(account),
    accounts: async () => [...secrets.keys()],
  }
}

/** What the renderer may know of a key: its last four characters. */
export function keyHint(apiKey: string): string {
  return apiKey.length <= 4 ? '••••' : `…${apiKey.slice(-4)}`
}

/**
 * What the keychain holds for a profile: its API key together with the API address the key may be sent to, and
 * the data folder whose profiles file owns it. The profiles file is a plain file anything running as the user can
 * edit; if the address came from there alone, changing it would send the key to whoever it names. So the address
 * kept beside the key in the keychain is the one that counts, and a profile whose file address differs is refused.
 *
 * Stored as JSON `{ "v": 1, "key", "baseUrl", "dataDir" }`. Entries written before this format hold the bare key:
 * they are read as before and rewritten with the file's address the first time they are used (the one time the
 * file is trusted, as every earlier version did).
 */
import { canonicalApiUrl } from '../../shared/validators'
import { AppError } from '../app-error'
import type { SecretStore } from './keychain'
import type { StoredProfile } from './profiles-file'

export interface ProfileSecret {
  key: string
  /** The address the key was verified with. Absent on an entry from before this format. */
  baseUrl?: string
  /** The data folder of the profiles file that owns the entry. Absent on an entry from before this format. */
  dataDir?: string
}

export function encodeProfileSecret(secret: Required<ProfileSecret>): string {
  return JSON.stringify({ v: 1, key: secret.key, baseUrl: secret.baseUrl, dataDir: secret.dataDir })
}

/** Reads either format. An API key has no `{` or spaces, so a bare key is never taken for JSON. */
export function decodeProfileSecret(text: string): ProfileSecret {
  if (!text.startsWith('{')) return { key: text }
  try {
    const value = JSON.parse(text) as Record<string, unknown>
    if (typeof value.key === 'string' && typeof value.baseUrl === 'string') {
      return { key: value.key, baseUrl: value.baseUrl, ...(typeof value.dataDir === 'string' ? { dataDir: value.dataDir } : {}) }
    }
  } catch {
    // Not our JSON: treated as a bare key below, which iProxy will refuse if it is not one.
  }
  return { key: text }
}

/** The same API address, written either way (`…/v1` and `…/v1/`, `HTTPS://Host`). */
export function sameApiAddress(a: string, b: string): boolean {
  const normal = (value: string) => {
    try {
      return canonicalApiUrl(new URL(value)).href
    } catch {
      return value
    }
  }
  return normal(a) === normal(b)
}

export class ApiAddressMismatchError extends AppError {
  constructor(profile: StoredProfile, keyAddress: string) {
    super(
      'api_address_mismatch',
      `The API address of "${profile.name}" in the profiles file (${profile.baseUrl}) is not the one its key was saved ` +
        `for (${keyAddress}), so the key was not sent anywhere. If you did not change the file, something else did: ` +
        `put back ${keyAddress}. To use the key with another address, remove the profile and add it again with that address.`,
      { fileAddress: profile.baseUrl, keyAddress },
    )
    this.name = 'ApiAddressMismatchError'
  }
}

/**
 * The key of `profile` and the address it may go to, from `store`; undefined when no key is stored. Refuses a
 * profile whose file address is not the one kept with the key; migrates an entry of the old format (see above).
 */
export async function loadProfileKey(
  store: SecretStore,
  profile: StoredProfile,
  dataDir: string,
): Promise<{ key: string; baseUrl: string } | undefined> {
  const text = await store.get(profile.id)
  if (!text) return undefined
  const secret = decodeProfileSecret(text)
  if (secret.baseUrl === undefined) {
    await store.set(profile.id, encodeProfileSecret({ key: secret.key, baseUrl: profile.baseUrl, dataDir }))
    return { key: secret.key, baseUrl: profile.baseUrl }
  }
  if (!sameApiAddress(secret.baseUrl, profile.baseUrl)) throw new ApiAddressMismatchError(profile, secret.baseUrl)
  return { key: secret.key, baseUrl: secret.baseUrl }
}

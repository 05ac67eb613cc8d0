/**
 * Profiles and the active account. A profile's API key lives in the keychain under the profile id and in this
 * process's memory while the profile is active; the profiles file holds only names and addresses, and the
 * renderer only ever sees a key's last four characters.
 *
 * Every change (to the file, the keychain or the active profile) runs through one queue: a change reads the file,
 * edits it and writes it back, so two at once would lose one of them, and a key stored for a profile the file
 * then forgot is an orphan nobody sees. Each change re-reads the file, so a change made meanwhile by the command
 * line (another process) is kept too. Keys no profile owns are listed and can be removed (listOrphanKeys).
 *
 * The keychain item holds the API address with the key (profile-secret.ts): a key goes only to the address it
 * was saved for, whatever the profiles file says now.
 */
import { randomUUID } from 'node:crypto'
import { IPROXY_DEFAULT_BASE_URL } from '../../shared/iproxy'
import type { UpdateUserBasicInfoRequest, UserBasicInfo, UserInfo } from '../../shared/iproxy'
import type { OrphanKey, ProfileSummary } from '../../shared/profiles'
import { AppError } from '../app-error'
import { createIproxyClient, IproxyAuthError } from '../iproxy'
import type { IproxyClient, IproxyClientOptions } from '../iproxy'
import type { Logger } from '../log'
import { createMemorySecretStore, keyHint } from './keychain'
import type { SecretStore } from './keychain'
import { decodeProfileSecret, encodeProfileSecret, loadProfileKey } from './profile-secret'
import { readProfilesFile, writeProfilesFile } from './profiles-file'
import { createSerialQueue } from './serial-queue'
import type { ProfilesFileContent, StoredProfile } from './profiles-file'

export const DEMO_PROFILE_ID = 'demo'

export interface ProfileServiceOptions {
  dataDir: string
  keychain: SecretStore
  log: Logger
  createClient?: (options: IproxyClientOptions) => IproxyClient
}

interface ActiveProfile {
  profile: StoredProfile
  client: IproxyClient
  apiKey: string
}

export type ProfileService = ReturnType<typeof createProfileService>

export function createProfileService(options: ProfileServiceOptions) {
  const { dataDir, keychain, log } = options
  const createClient = options.createClient ?? createIproxyClient
  // The demo's key belongs to the embedded simulator and dies with the app: it is kept in memory only.
  const demoSecrets = createMemorySecretStore()
  const hints = new Map<string, string>()
  let demoProfile: StoredProfile | undefined
  let file: ProfilesFileContent | undefined
  let active: ActiveProfile | undefined
  const serial = createSerialQueue()

  const storeFor = (id: string): SecretStore => (id === DEMO_PROFILE_ID ? demoSecrets : keychain)

  async function load(): Promise<ProfilesFileContent> {
    file ??= await readProfilesFile(dataDir)
    return file
  }

  /** The file as it is on disk now: what every change starts from (the command line may have changed it). */
  async function reload(): Promise<ProfilesFileContent> {
    file = await readProfilesFile(dataDir)
    return file
  }

  async function save(next: ProfilesFileContent): Promise<void> {
    await writeProfilesFile(dataDir, next)
    file = next
  }

  async function find(id: string): Promise<StoredProfile> {
    if (id === DEMO_PROFILE_ID && demoProfile) return demoProfile
    const profile = (await load()).profiles.find((p) => p.id === id)
    if (!profile) throw new AppError('profile_not_found', 'That profile no longer exists. Pick another one from the list.')
    return profile
  }

  function summary(profile: StoredProfile): ProfileSummary {
    return {
      ...profile,
      keyHint: hints.get(profile.id) ?? null,
      active: active?.profile.id === profile.id,
      demo: profile.id === DEMO_PROFILE_ID,
    }
  }

  /** Asks iProxy who the key belongs to; a rejected key is refused with a message that says what to do. */
  async function verifyKey(apiKey: string, baseUrl: string): Promise<UserInfo> {
    const client = createClient({ apiKey, baseUrl, maxRetries: 1 })
    try {
      return await client.me.get()
    } catch (err) {
      if (err instanceof IproxyAuthError) {
        throw new AppError(
          'key_rejected',
          'iProxy rejected this API key, so it was not saved. Copy the key again from your iProxy dashboard (Settings → API) and paste it whole.',
        )
      }
      throw err
    } finally {
      await client.close()
    }
  }

  /** Stores `apiKey` for `profile`, with the address it may be sent to (the profile's, verified by the caller). */
  function storeKey(profile: StoredProfile, apiKey: string): Promise<void> {
    return storeFor(profile.id).set(profile.id, encodeProfileSecret({ key: apiKey, baseUrl: profile.baseUrl, dataDir }))
  }

  /** `baseUrl` is the address kept with the key in the keychain: the only one the key is sent to. */
  async function setActive(profile: StoredProfile, apiKey: string, baseUrl: string): Promise<void> {
    const previous = active
    active = { profile, apiKey, client: createClient({ apiKey, baseUrl }) }
    hints.set(profile.id, keyHint(apiKey))
    await previous?.client.close()
  }

  async function activate(id: string): Promise<ProfileSummary> {
    const profile = await find(id)
    const stored = await loadProfileKey(storeFor(id), profile, dataDir)
    if (!stored) {
      throw new AppError('key_missing', `No API key is stored for "${profile.name}". Replace its key to use it again.`)
    }
    await setActive(profile, stored.key, stored.baseUrl)
    if (id !== DEMO_PROFILE_ID) {
      const current = await reload()
      if (current.activeId !== id) await save({ ...current, activeId: id })
    }
    return summary(profile)
  }

  /**
   * Keychain entries under our service that no profile owns. Run inside the queue (see above). An entry saved by
   * another data folder (the command line's --data-dir, a test) belongs to that folder's profiles file: it is an
   * orphan only when that file no longer lists it.
   */
  async function orphanKeys(): Promise<OrphanKey[]> {
    const owned = new Set((await reload()).profiles.map((p) => p.id))
    const candidates = await Promise.all(
      (await keychain.accounts())
        .filter((account) => !owned.has(account))
        .map(async (id) => {
          const text = await keychain.get(id).catch(() => null)
          const secret = text === null ? undefined : decodeProfileSecret(text)
          const elsewhere = secret?.dataDir !== undefined && secret.dataDir !== dataDir && (await ownedIn(secret.dataDir, id))
          return elsewhere ? undefined : { id, keyHint: secret ? keyHint(secret.key) : null }
        }),
    )
    return candidates.filter((orphan) => orphan !== undefined)
  }

  async function ownedIn(otherDataDir: string, id: string): Promise<boolean> {
    try {
      return (await readProfilesFile(otherDataDir)).profiles.some((p) => p.id === id)
    } catch {
      return true // a profiles file we cannot read: not ours to judge
    }
  }

  function requireActive(): ActiveProfile {
    if (!active) throw new AppError('no_active_profile', 'No account is selected. Add an API key or try the demo first.')
    return active
  }

  async function removeProfile(id: string): Promise<void> {
    const current = await reload()
    const profile = await find(id)
    // The key goes first: a profile that vanished from the list must not leave its key behind.
    await storeFor(profile.id).delete(profile.id)
    hints.delete(profile.id)
    if (active?.profile.id === profile.id) {
      await active.client.close()
      active = undefined
    }
    if (profile.id === DEMO_PROFILE_ID) {
      demoProfile = undefined
      return
    }
    const next: ProfilesFileContent = { ...current, profiles: current.profiles.filter((p) => p.id !== profile.id) }
    if (next.activeId === profile.id) delete next.activeId
    await save(next)
  }

  async function replaceKey(input: { id: string; apiKey: string }): Promise<ProfileSummary> {
    const profile = await find(input.id)
    // The new key is sent to the profile's address to be verified: refused first if that is not the address the
    // old key was saved for (a changed profiles file). Without an old key there is nothing to compare with.
    await loadProfileKey(storeFor(profile.id), profile, dataDir)
    await verifyKey(input.apiKey, profile.baseUrl)
    return serial(async () => {
      await reload()
      const current = await find(input.id)
      await storeKey(current, input.apiKey)
      hints.set(current.id, keyHint(input.apiKey))
      if (active?.profile.id === current.id) await setActive(current, input.apiKey, current.baseUrl)
      return summary(current)
    })
  }

  /**
   * Rotates the API key. The keychain is proven writable before iProxy is asked (after rotation the old key
   * is dead), and the new key is stored before success is reported. The key itself never leaves main.
   */
  async function rotateApiKey(): Promise<{ keyHint: string }> {
    const current = requireActive()
    // The active client's address is the one kept with the key (checked at activation): the new key goes with it.
    const profile = { ...current.profile, baseUrl: current.client.baseUrl }
    await storeKey(profile, current.apiKey)
    const { api_key: newKey } = await current.client.me.rotateApiKey()
    try {
      await storeKey(profile, newKey)
    } catch (err) {
      // iProxy already switched keys: keep working with the new one in memory so the user is not locked out now.
      await setActive(current.profile, newKey, profile.baseUrl)
      throw new AppError(
        'key_not_saved',
        `iProxy issued a new API key, but the keychain refused to store it (${err instanceof Error ? err.message : 'unknown reason'}). ` +
          'The app keeps using the new key until you quit: fix the keychain, then rotate again.',
      )
    }
    await setActive(current.profile, newKey, profile.baseUrl)
    return { keyHint: keyHint(newKey) }
  }

  return {
    async list(): Promise<ProfileSummary[]> {
      const { profiles } = await load()
      await Promise.all(
        profiles
          .filter((p) => !hints.has(p.id))
          .map(async (p) => {
            try {
              const text = await keychain.get(p.id)
              if (text) hints.set(p.id, keyHint(decodeProfileSecret(text).key))
            } catch (err) {
              // The list still shows the profile; activating it will explain the keychain problem.
              log(`could not read the key hint of profile ${p.id}`, err)
            }
          }),
      )
      return [...(demoProfile ? [demoProfile] : []), ...profiles].map(summary)
    },

    async add(input: { name: string; apiKey: string; baseUrl?: string | undefined }): Promise<ProfileSummary> {
      const baseUrl = input.baseUrl ?? IPROXY_DEFAULT_BASE_URL
      // Asking iProxy takes a while and changes nothing here: several adds may verify at once, then store in turn.
      await verifyKey(input.apiKey, baseUrl)
      return serial(async () => {
        const profile: StoredProfile = { id: randomUUID(), name: input.name, baseUrl, createdAt: new Date().toISOString() }
        // The profile first, then its key: a key is never in the keychain before its profile is in the file, so an
        // orphan check in another process (the command line, a second data folder) never takes it for one, and a
        // crash in between leaves a profile in the list that asks for its key, not an invisible key.
        const current = await reload()
        await save({ ...current, profiles: [...current.profiles, profile] })
        try {
          await storeKey(profile, input.apiKey)
        } catch (err) {
          const now = await reload()
          await save({ ...now, profiles: now.profiles.filter((p) => p.id !== profile.id) }).catch((undo: unknown) =>
            log(`could not take back profile ${profile.id} after its key was not stored`, undo),
          )
          throw err
        }
        return activate(profile.id)
      })
    },

    rename: (input: { id: string; name: string }): Promise<ProfileSummary> =>
      serial(async () => {
        if (input.id === DEMO_PROFILE_ID) throw new AppError('demo_profile', 'The demo profile cannot be renamed.')
        const current = await reload()
        await find(input.id)
        const profiles = current.profiles.map((p) => (p.id === input.id ? { ...p, name: input.name } : p))
        await save({ ...current, profiles })
        if (active?.profile.id === input.id) active.profile = { ...active.profile, name: input.name }
        return summary(profiles.find((p) => p.id === input.id)!)
      }),

    remove: (input: { id: string }): Promise<void> => serial(() => removeProfile(input.id)),

    activate: (input: { id: string }) => serial(() => activate(input.id)),

    replaceKey: (input: { id: string; apiKey: string }): Promise<ProfileSummary> => replaceKey(input),

    /** Uses the embedded simulator as the active account: the same path as any profile, with nothing stored. */
    startDemo: (simulator: { baseUrl: string; apiKey: string }): Promise<ProfileSummary> =>
      serial(async () => {
        demoProfile = { id: DEMO_PROFILE_ID, name: 'Demo', baseUrl: simulator.baseUrl, createdAt: new Date().toISOString() }
        await storeKey(demoProfile, simulator.apiKey)
        return activate(DEMO_PROFILE_ID)
      }),

    /** Re-activates the profile that was active when the app last ran, if its key is still there. */
    restoreLastActive: (): Promise<ProfileSummary | undefined> =>
      serial(async () => {
        const { activeId } = await reload()
        if (!activeId) return undefined
        try {
          return await activate(activeId)
        } catch (err) {
          log(`could not restore the last active profile ${activeId}`, err)
          return undefined
        }
      }),

    listOrphanKeys: (): Promise<OrphanKey[]> => serial(orphanKeys),

    /**
     * Deletes the named keys that are orphans now, inside the queue: a key that a profile took meanwhile (or that
     * belongs to any profile) is never deleted through this call, whatever the page asks.
     */
    removeOrphanKeys: (input: { ids: string[] }): Promise<{ removed: string[] }> =>
      serial(async () => {
        const orphans = new Set((await orphanKeys()).map((o) => o.id))
        const removed: string[] = []
        for (const id of new Set(input.ids)) {
          if (orphans.has(id) && (await keychain.delete(id))) removed.push(id)
        }
        if (removed.length > 0) log(`removed ${removed.length} keychain entr${removed.length === 1 ? 'y' : 'ies'} no profile owned: ${removed.join(', ')}`)
        return { removed }
      }),

    /** At start: says in the log which keychain entries no profile owns (the Profiles screen offers to remove them). */
    async reportOrphanKeys(): Promise<OrphanKey[]> {
      let orphans: OrphanKey[]
      try {
        orphans = await serial(orphanKeys)
      } catch (err) {
        // A keychain that cannot be used is explained when a profile is used; the start goes on.
        log('could not look for keychain entries no profile owns', err)
        return []
      }
      if (orphans.length > 0) {
        log(`the keychain holds ${orphans.length} API key(s) no profile owns (${orphans.map((o) => o.id).join(', ')}); the Profiles screen offers to remove them`)
      }
      return orphans
    },

    /** The API client of the active profile; throws a user-facing error when none is active. */
    client(): IproxyClient {
      return requireActive().client
    },

    activeProfile(): ProfileSummary | undefined {
      return active ? summary(active.profile) : undefined
    },

    account: {
      get: async (): Promise<UserInfo> => requireActive().client.me.get(),

      updateBasicInfo: async (body: UpdateUserBasicInfoRequest): Promise<UserBasicInfo> =>
        requireActive().client.me.updateBasicInfo(body),

      rotateApiKey: (): Promise<{ keyHint: string }> => serial(rotateApiKey),
    },

    /** Waits for the change under way (a file or keychain write is never cut short), then closes the client. */
    dispose: (): Promise<void> =>
      serial(async () => {
        await active?.client.close()
        active = undefined
      }),
  }
}

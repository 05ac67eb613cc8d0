/**
 * Profiles and the active account. A profile's API key lives in the keychain under the profile id and in this
 * process's memory while the profile is active; the profiles file holds only names and addresses, and the
 * renderer only ever sees a key's last four characters.
 */
import { randomUUID } from 'node:crypto'
import { IPROXY_DEFAULT_BASE_URL } from '../../shared/iproxy'
import type { UpdateUserBasicInfoRequest, UserBasicInfo, UserInfo } from '../../shared/iproxy'
import type { ProfileSummary } from '../../shared/profiles'
import { AppError } from '../app-error'
import { createIproxyClient, IproxyAuthError } from '../iproxy'
import type { IproxyClient, IproxyClientOptions } from '../iproxy'
import type { Logger } from '../log'
import { createMemorySecretStore, keyHint } from './keychain'
import type { SecretStore } from './keychain'
import { readProfilesFile, writeProfilesFile } from './profiles-file'
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

  const storeFor = (id: string): SecretStore => (id === DEMO_PROFILE_ID ? demoSecrets : keychain)

  async function load(): Promise<ProfilesFileContent> {
    file ??= await readProfilesFile(dataDir)
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

  async function setActive(profile: StoredProfile, apiKey: string): Promise<void> {
    const previous = active
    active = { profile, apiKey, client: createClient({ apiKey, baseUrl: profile.baseUrl }) }
    hints.set(profile.id, keyHint(apiKey))
    await previous?.client.close()
  }

  async function activate(id: string): Promise<ProfileSummary> {
    const profile = await find(id)
    const apiKey = await storeFor(id).get(id)
    if (!apiKey) {
      throw new AppError('key_missing', `No API key is stored for "${profile.name}". Replace its key to use it again.`)
    }
    await setActive(profile, apiKey)
    if (id !== DEMO_PROFILE_ID) {
      const current = await load()
      if (current.activeId !== id) await save({ ...current, activeId: id })
    }
    return summary(profile)
  }

  function requireActive(): ActiveProfile {
    if (!active) throw new AppError('no_active_profile', 'No account is selected. Add an API key or try the demo first.')
    return active
  }

  return {
    async list(): Promise<ProfileSummary[]> {
      const { profiles } = await load()
      await Promise.all(
        profiles
          .filter((p) => !hints.has(p.id))
          .map(async (p) => {
            try {
              const key = await keychain.get(p.id)
              if (key) hints.set(p.id, keyHint(key))
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
      await verifyKey(input.apiKey, baseUrl)
      const profile: StoredProfile = { id: randomUUID(), name: input.name, baseUrl, createdAt: new Date().toISOString() }
      await keychain.set(profile.id, input.apiKey)
      const current = await load()
      try {
        await save({ ...current, profiles: [...current.profiles, profile] })
      } catch (err) {
        await keychain.delete(profile.id).catch(() => false)
        throw err
      }
      return activate(profile.id)
    },

    async rename(input: { id: string; name: string }): Promise<ProfileSummary> {
      if (input.id === DEMO_PROFILE_ID) throw new AppError('demo_profile', 'The demo profile cannot be renamed.')
      await find(input.id)
      const current = await load()
      const profiles = current.profiles.map((p) => (p.id === input.id ? { ...p, name: input.name } : p))
      await save({ ...current, profiles })
      if (active?.profile.id === input.id) active.profile = { ...active.profile, name: input.name }
      return summary(profiles.find((p) => p.id === input.id)!)
    },

    async remove(input: { id: string }): Promise<void> {
      const profile = await find(input.id)
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
      const current = await load()
      const next: ProfilesFileContent = { ...current, profiles: current.profiles.filter((p) => p.id !== profile.id) }
      if (next.activeId === profile.id) delete next.activeId
      await save(next)
    },

    activate: (input: { id: string }) => activate(input.id),

    async replaceKey(input: { id: string; apiKey: string }): Promise<ProfileSummary> {
      const profile = await find(input.id)
      await verifyKey(input.apiKey, profile.baseUrl)
      await storeFor(profile.id).set(profile.id, input.apiKey)
      hints.set(profile.id, keyHint(input.apiKey))
      if (active?.profile.id === profile.id) await setActive(profile, input.apiKey)
      return summary(profile)
    },

    /** Uses the embedded simulator as the active account: the same path as any profile, with nothing stored. */
    async startDemo(simulator: { baseUrl: string; apiKey: string }): Promise<ProfileSummary> {
      demoProfile = { id: DEMO_PROFILE_ID, name: 'Demo', baseUrl: simulator.baseUrl, createdAt: new Date().toISOString() }
      await demoSecrets.set(DEMO_PROFILE_ID, simulator.apiKey)
      return activate(DEMO_PROFILE_ID)
    },

    /** Re-activates the profile that was active when the app last ran, if its key is still there. */
    async restoreLastActive(): Promise<ProfileSummary | undefined> {
      const { activeId } = await load()
      if (!activeId) return undefined
      try {
        return await activate(activeId)
      } catch (err) {
        log(`could not restore the last active profile ${activeId}`, err)
        return undefined
      }
    },

    /** The API client of the active profile. */
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

      /**
       * Rotates the API key. The keychain is proven writable before iProxy is asked (after rotation the old key
       * is dead), and the new key is stored before success is reported. The key itself never leaves main.
       */
      async rotateApiKey(): Promise<{ keyHint: string }> {
        const current = requireActive()
        const store = storeFor(current.profile.id)
        await store.set(current.profile.id, current.apiKey)
        const { api_key: newKey } = await current.client.me.rotateApiKey()
        try {
          await store.set(current.profile.id, newKey)
        } catch (err) {
          // iProxy already switched keys: keep working with the new one in memory so the user is not locked out now.
          await setActive(current.profile, newKey)
          throw new AppError(
            'key_not_saved',
            `iProxy issued a new API key, but the keychain refused to store it (${err instanceof Error ? err.message : 'unknown reason'}). ` +
              'The app keeps using the new key until you quit: fix the keychain, then rotate again.',
          )
        }
        await setActive(current.profile, newKey)
        return { keyHint: keyHint(newKey) }
      },
    },

    async dispose(): Promise<void> {
      await active?.client.close()
      active = undefined
    },
  }
}

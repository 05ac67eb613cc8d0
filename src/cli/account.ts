/**
 * Where the API key comes from, and the account it opens. Sources, in this order:
 *   --profile NAME   an app profile: its address from the data folder's profiles file, its key from the OS keychain
 *   --demo           the embedded simulator with its demo account on loopback (no key, nothing stored)
 *   IPROXY_API_KEY   for servers and CI with no keychain (IPROXY_API_URL for another API address)
 * A flag on the command line wins over the environment. The key is handed to the API client and nowhere else:
 * never printed, logged or written.
 */
import type { Simulator } from '../main/demo'
import { createIproxyClient, type IproxyClient } from '../main/iproxy'
import { createKeychain, type SecretStore } from '../main/secrets/keychain'
import { loadProfileKey } from '../main/secrets/profile-secret'
import { readProfilesFile, type StoredProfile } from '../main/secrets/profiles-file'
import { IPROXY_DEFAULT_BASE_URL } from '../shared/iproxy'
import { authError, usageError } from './exit-codes'
import type { Output } from './output'

export interface AccountFlags {
  profile?: string
  demo?: boolean
}

export interface Account {
  client: IproxyClient
  /** Says where the key came from, for messages: `profile "Work"`, `IPROXY_API_KEY`, `the demo`. */
  source: string
  /** The simulator's IP echo while the demo is used (checks go there, as in the app's demo mode). */
  demoEchoUrl?: string
  close(): Promise<void>
}

export function hasKeySource(flags: AccountFlags, env: NodeJS.ProcessEnv): boolean {
  return Boolean(flags.profile || flags.demo || env.IPROXY_API_KEY?.trim())
}

/** A profile by its name (exact, then ignoring case when that is unambiguous) or its id. */
export function findProfile(profiles: readonly StoredProfile[], nameOrId: string): StoredProfile | undefined {
  const exact = profiles.find((p) => p.name === nameOrId) ?? profiles.find((p) => p.id === nameOrId)
  if (exact) return exact
  const folded = profiles.filter((p) => p.name.toLowerCase() === nameOrId.toLowerCase())
  return folded.length === 1 ? folded[0] : undefined
}

/** IPROXY_DEMO_SCALE=250x4: a generated demo account of 250 phones with 4 proxies each (benchmarks, trials at size). */
export function demoScale(env: NodeJS.ProcessEnv): { connections: number; proxiesPerConnection: number } | undefined {
  const raw = env.IPROXY_DEMO_SCALE?.trim()
  if (!raw) return undefined
  const m = /^(\d{1,5})x(\d{1,2})$/.exec(raw)
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw usageError(`IPROXY_DEMO_SCALE must look like 250x4 (connections x proxies each), got "${raw}".`)
  return { connections: Number(m[1]), proxiesPerConnection: Number(m[2]) }
}

async function openDemo(env: NodeJS.ProcessEnv): Promise<Account> {
  const scale = demoScale(env)
  // Loaded only for --demo: every other run is spared parsing the simulator at start-up.
  const { startSimulator } = await import('../main/demo')
  // The demo's one unreliable phone drops now and then, so `iproxy watch --demo` has something to show.
  const sim: Simulator = await startSimulator(scale ? { scale, bindListeners: true } : { seed: 'demo', demoOutages: true })
  const client = createIproxyClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl })
  return {
    client,
    source: 'the demo',
    demoEchoUrl: sim.echoUrl,
    close: async () => {
      await client.close()
      await sim.stop()
    },
  }
}

async function openProfile(name: string, dataDir: string, keychain: SecretStore): Promise<Account> {
  const { profiles } = await readProfilesFile(dataDir)
  const profile = findProfile(profiles, name)
  if (!profile) {
    const known = profiles.length > 0 ? ` Profiles there: ${profiles.map((p) => `"${p.name}"`).join(', ')}.` : ' There are none yet.'
    throw authError('profile_not_found', `No profile named "${name}" in ${dataDir}.${known} Add one with "iproxy profiles add NAME", or pass --data-dir.`)
  }
  // The key goes only to the address kept with it in the keychain, as in the app (profile-secret.ts).
  const stored = await loadProfileKey(keychain, profile, dataDir)
  if (!stored) throw authError('key_missing', `No API key is stored in the keychain for profile "${profile.name}". Add it again with "iproxy profiles add".`)
  const client = createIproxyClient({ apiKey: stored.key, baseUrl: stored.baseUrl })
  return { client, source: `profile "${profile.name}"`, close: () => client.close() }
}

export async function openAccount(flags: AccountFlags, dataDir: string, env: NodeJS.ProcessEnv, out: Output): Promise<Account> {
  if (flags.profile && flags.demo) throw usageError('Use either --profile or --demo, not both.')
  const envKey = env.IPROXY_API_KEY?.trim()
  if (envKey && (flags.profile || flags.demo)) out.note(`Using ${flags.demo ? '--demo' : '--profile'}, not IPROXY_API_KEY.`)
  if (flags.profile) return openProfile(flags.profile, dataDir, createKeychain())
  if (flags.demo) return openDemo(env)
  if (envKey) {
    const client = createIproxyClient({ apiKey: envKey, baseUrl: env.IPROXY_API_URL?.trim() || IPROXY_DEFAULT_BASE_URL })
    return { client, source: 'IPROXY_API_KEY', close: () => client.close() }
  }
  throw authError(
    'no_key',
    'No API key. Pass --profile NAME (an app profile; see "iproxy profiles list"), set IPROXY_API_KEY, or add --demo to try the demo account.',
  )
}

/**
 * The `profiles` domain of the IPC contract: saved API keys (in the keychain) and which one is active.
 * Handled in main/secrets/calls.ts.
 */
import { z } from 'zod'
import { apiKeyInputSchema, baseUrlSchema, keychainAccountSchema, profileIdSchema, profileNameSchema } from '../profiles'
import type { OrphanKey, ProfileSummary } from '../profiles'
import { call, noInput } from './kit'

export const profilesContract = {
  calls: {
    list: call<ProfileSummary[]>()(noInput),
    /** Verifies the key with iProxy, stores it in the keychain, and makes the new profile active. */
    add: call<ProfileSummary>()(
      z.strictObject({ name: profileNameSchema, apiKey: apiKeyInputSchema, baseUrl: baseUrlSchema.optional() }),
    ),
    rename: call<ProfileSummary>()(z.strictObject({ id: profileIdSchema, name: profileNameSchema })),
    /** Deletes the profile and its keychain entry. */
    remove: call<void>()(z.strictObject({ id: profileIdSchema })),
    activate: call<ProfileSummary>()(z.strictObject({ id: profileIdSchema })),
    replaceKey: call<ProfileSummary>()(z.strictObject({ id: profileIdSchema, apiKey: apiKeyInputSchema })),
    /** Starts the embedded simulator and makes its account the active "Demo" profile. */
    startDemo: call<ProfileSummary>()(noInput),
    /** Keys in the keychain under the app's name that no profile owns. */
    listOrphanKeys: call<OrphanKey[]>()(noInput),
    /** Deletes those of the named keys that still belong to no profile (never a profile's own key); answers which went. */
    removeOrphanKeys: call<{ removed: string[] }>()(z.strictObject({ ids: z.array(keychainAccountSchema).min(1).max(1000) })),
  },
} as const

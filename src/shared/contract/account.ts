/**
 * The `account` domain of the IPC contract: the active profile's iProxy account (GET /me and its changes).
 * Handled in main/secrets/calls.ts, beside the profiles: rotating the key writes the keychain.
 */
import { updateUserBasicInfoRequestSchema } from '../iproxy'
import type { UserBasicInfo, UserInfo } from '../iproxy'
import { call, noInput } from './kit'

export const accountContract = {
  calls: {
    /** The active account's user info (GET /me). */
    get: call<UserInfo>()(noInput),
    updateBasicInfo: call<UserBasicInfo>()(updateUserBasicInfoRequestSchema),
    /** Rotates the API key; the new key is stored in the keychain and only its hint comes back. */
    rotateApiKey: call<{ keyHint: string }>()(noInput),
  },
} as const

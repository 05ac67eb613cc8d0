/**
 * `client.me`: the account the API key belongs to.
 */
import {
  apiKeySchema,
  updateUserBasicInfoRequestSchema,
  userBasicInfoSchema,
  userInfoSchema,
  type ApiKeyResult,
  type UpdateUserBasicInfoRequest,
  type UserBasicInfo,
  type UserInfo,
} from '../../../shared/iproxy'
import type { CallOptions, Transport } from '../transport'
import { createRequester } from './request'

export function createMeResource(transport: Transport) {
  const request = createRequester(transport)
  return {
    /** `GET /me`. Resolves to the user: id, username, email, balance (decimal text), display name, telegram, proxy prefix. */
    async get(options?: CallOptions): Promise<UserInfo> {
      return request.get('/me', { schema: userInfoSchema }, options)
    },

    /**
     * `POST /me/update-basic-info`. Every field is optional; each one sent must be 1–256 characters.
     * Resolves to `{ id, display_name, telegram, proxy_prefix }` after the update.
     */
    async updateBasicInfo(body: UpdateUserBasicInfoRequest, options?: CallOptions): Promise<UserBasicInfo> {
      return request.post(
        '/me/update-basic-info',
        { body, bodySchema: updateUserBasicInfoRequestSchema, schema: userBasicInfoSchema },
        options,
      )
    },

    /**
     * `POST /me/api-key`. Replaces the account's API key: resolves to `{ api_key }`, the new key. The key this
     * client holds stops working, so the caller must store the new one and build a new client with it.
     */
    async rotateApiKey(options?: CallOptions): Promise<ApiKeyResult> {
      return request.post('/me/api-key', { schema: apiKeySchema }, options)
    },
  }
}

export type MeResource = ReturnType<typeof createMeResource>

/**
 * The account the API key belongs to (`/me`), as zod schemas: `client.me` in main/iproxy/resources/me.ts.
 */
import { z } from 'zod'
import { basicInfoText, optionalText } from './common'

export const userInfoSchema = z.looseObject({
  id: z.string(),
  username: z.string(),
  email: z.string(),
  /** A decimal string such as "15.89"; a number is accepted and turned into one. */
  balance: z.union([z.string(), z.number().transform(String)]),
  display_name: optionalText,
  telegram: optionalText,
  proxy_prefix: optionalText,
})
export type UserInfo = z.output<typeof userInfoSchema>

export const updateUserBasicInfoRequestSchema = z.strictObject({
  display_name: basicInfoText.optional(),
  telegram: basicInfoText.optional(),
  proxy_prefix: basicInfoText.optional(),
})
export type UpdateUserBasicInfoRequest = z.input<typeof updateUserBasicInfoRequestSchema>

export const userBasicInfoSchema = z.looseObject({
  id: z.string(),
  display_name: optionalText,
  telegram: optionalText,
  proxy_prefix: optionalText,
})
export type UserBasicInfo = z.output<typeof userBasicInfoSchema>

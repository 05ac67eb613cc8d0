/**
 * OpenVPN accesses of a connection and their config files, as zod schemas: `client.vpn` in
 * main/iproxy/resources/vpn.ts.
 */
import { z } from 'zod'
import { basicInfoText, listOf, optionalText, rfc3339 } from './common'

export const createOvpnAccessRequestSchema = z.strictObject({
  name: basicInfoText,
  description: basicInfoText.optional(),
})
export type CreateOvpnAccessRequest = z.input<typeof createOvpnAccessRequestSchema>

export const updateOvpnAccessRequestSchema = z.strictObject({
  name: basicInfoText.optional(),
  description: basicInfoText.optional(),
  /** EXPIRES_AT_NEVER removes the expiry. */
  expires_at: rfc3339.optional(),
})
export type UpdateOvpnAccessRequest = z.input<typeof updateOvpnAccessRequestSchema>

export const ovpnAccessSchema = z.looseObject({
  id: z.string(),
  connection_id: z.string(),
  name: z.string(),
  description: optionalText,
  status: z.string(),
  dns: listOf(z.string()),
  expires_at: optionalText,
})
export type OvpnAccess = z.output<typeof ovpnAccessSchema>
export const ovpnAccessListResponseSchema = z.looseObject({ ovpn_accesses: listOf(ovpnAccessSchema) })

export const ovpnConfigResponseSchema = z.looseObject({ config_base64: z.string(), config_sha1: z.string() })
/** The config as the API sends it plus `config`, the decoded text, once its SHA-1 has been checked. */
export type OvpnConfig = z.output<typeof ovpnConfigResponseSchema> & { config: string }

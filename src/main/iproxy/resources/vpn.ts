/**
 * `client.vpn`: OpenVPN accesses of a connection, and their config files.
 */
import { createHash } from 'node:crypto'
import {
  createOvpnAccessRequestSchema,
  deletedSchema,
  ovpnAccessListResponseSchema,
  ovpnAccessSchema,
  ovpnConfigResponseSchema,
  updateOvpnAccessRequestSchema,
  type CreateOvpnAccessRequest,
  type Deleted,
  type OvpnAccess,
  type OvpnConfig,
  type UpdateOvpnAccessRequest,
} from '../../../shared/iproxy'
import { IproxyResponseError } from '../api-errors'
import type { CallOptions, Transport } from '../transport'
import { createRequester, resolvePath } from './request'

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/

function sha1Hex(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex')
}

/**
 * Decodes the config and checks it against its SHA-1. The docs say only "sha1 checksum of a config", so the sum
 * is accepted over the decoded file (the natural reading) or over the base64 text as sent.
 */
export function decodeOvpnConfig(raw: { config_base64: string; config_sha1: string }, where: { method: string; path: string }): string {
  const compact = raw.config_base64.replace(/\s+/g, '')
  const fail = (field: string, message: string): never => {
    throw new IproxyResponseError(message, { status: 200, method: where.method, path: where.path, field, issues: [{ field, message }] })
  }
  if (!BASE64_RE.test(compact) || compact.length % 4 === 1) {
    fail('config_base64', 'The OpenVPN config iProxy sent is not valid base64, so it cannot be saved. Try downloading it again.')
  }
  const bytes = Buffer.from(compact, 'base64')
  const expected = raw.config_sha1.trim().toLowerCase()
  if (sha1Hex(bytes) !== expected && sha1Hex(Buffer.from(raw.config_base64, 'utf8')) !== expected) {
    fail('config_sha1', 'The OpenVPN config iProxy sent does not match its SHA-1 checksum (it was damaged on the way). Try downloading it again.')
  }
  return bytes.toString('utf8')
}

export function createVpnResource(transport: Transport) {
  const request = createRequester(transport)
  return {
    /** `GET /ovpn-access`. Resolves to every OpenVPN access of the user (unwrapped from `{ ovpn_accesses }`). */
    async list(options?: CallOptions): Promise<OvpnAccess[]> {
      return (await request.get('/ovpn-access', { schema: ovpnAccessListResponseSchema }, options)).ovpn_accesses
    },

    /** `GET /connections/{connId}/ovpn-access`. Resolves to that connection's OpenVPN accesses (unwrapped). */
    async listByConnection(connId: string, options?: CallOptions): Promise<OvpnAccess[]> {
      const res = await request.get('/connections/{connId}/ovpn-access', { ids: { connId }, schema: ovpnAccessListResponseSchema }, options)
      return res.ovpn_accesses
    },

    /** `POST /connections/{connId}/ovpn-access` with `name` (and `description`). Resolves to the new access (HTTP 201). */
    async create(connId: string, body: CreateOvpnAccessRequest, options?: CallOptions): Promise<OvpnAccess> {
      return request.post(
        '/connections/{connId}/ovpn-access',
        { ids: { connId }, body, bodySchema: createOvpnAccessRequestSchema, schema: ovpnAccessSchema },
        options,
      )
    },

    /**
     * `POST /connections/{connId}/ovpn-access/{ovpnId}/update`. Only the fields sent change;
     * `expires_at: EXPIRES_AT_NEVER` removes the expiry. Resolves to the updated access.
     */
    async update(connId: string, ovpnId: string, body: UpdateOvpnAccessRequest, options?: CallOptions): Promise<OvpnAccess> {
      const ids = { connId, ovpnId }
      return request.post(
        '/connections/{connId}/ovpn-access/{ovpnId}/update',
        { ids, body, bodySchema: updateOvpnAccessRequestSchema, schema: ovpnAccessSchema },
        options,
      )
    },

    /** `DELETE /connections/{connId}/ovpn-access/{ovpnId}`. Resolves to `{ id }` of the deleted access. */
    async delete(connId: string, ovpnId: string, options?: CallOptions): Promise<Deleted> {
      return request.delete('/connections/{connId}/ovpn-access/{ovpnId}', { ids: { connId, ovpnId }, schema: deletedSchema }, options)
    },

    /**
     * `GET /connections/{connId}/ovpn-access/{ovpnId}/config`. Resolves to `{ config_base64, config_sha1, config }`,
     * `config` being the decoded .ovpn text; rejects with `IproxyResponseError` if the checksum does not match.
     */
    async getConfig(connId: string, ovpnId: string, options?: CallOptions): Promise<OvpnConfig> {
      const template = '/connections/{connId}/ovpn-access/{ovpnId}/config'
      const ids = { connId, ovpnId }
      const raw = await request.get(template, { ids, schema: ovpnConfigResponseSchema }, options)
      return { ...raw, config: decodeOvpnConfig(raw, { method: 'GET', path: resolvePath('GET', template, ids) }) }
    },
  }
}

export type VpnResource = ReturnType<typeof createVpnResource>

/**
 * `client.proxies`: proxy accesses (the HTTP/SOCKS5 ports, logins and ACLs of a connection).
 */
import {
  createProxyAccessRequestSchema,
  deletedSchema,
  proxyAccessListResponseSchema,
  proxyAccessSchema,
  updateProxyAccessRequestSchema,
  type CreateProxyAccessRequest,
  type Deleted,
  type ProxyAccess,
  type UpdateProxyAccessRequest,
} from '../../../shared/iproxy'
import type { CallOptions, Transport } from '../transport'
import { createRequester } from './request'

export function createProxiesResource(transport: Transport) {
  const request = createRequester(transport)
  return {
    /** `GET /proxy-access`. Resolves to every proxy access of the user, across connections (unwrapped from `{ proxy_accesses }`). */
    async list(options?: CallOptions): Promise<ProxyAccess[]> {
      return (await request.get('/proxy-access', { schema: proxyAccessListResponseSchema }, options)).proxy_accesses
    },

    /** `GET /connections/{connId}/proxy-access`. Resolves to that connection's proxy accesses (unwrapped). */
    async listByConnection(connId: string, options?: CallOptions): Promise<ProxyAccess[]> {
      const res = await request.get(
        '/connections/{connId}/proxy-access',
        { ids: { connId }, schema: proxyAccessListResponseSchema },
        options,
      )
      return res.proxy_accesses
    },

    /**
     * `POST /connections/{connId}/proxy-access`. `listen_service` http|socks5, `auth_type` userpass|noauth (login and
     * password are generated when `auth` is left out); a noauth proxy needs `acl_inbound_policy` and a non-empty
     * `acl_inbound_ips`. Resolves to the new proxy access with its host, port and credentials (HTTP 201).
     */
    async create(connId: string, body: CreateProxyAccessRequest, options?: CallOptions): Promise<ProxyAccess> {
      return request.post(
        '/connections/{connId}/proxy-access',
        { ids: { connId }, body, bodySchema: createProxyAccessRequestSchema, schema: proxyAccessSchema },
        options,
      )
    },

    /**
     * `POST /connections/{connId}/proxy-access/{proxyId}/update`. Only the fields sent change; `acl_inbound_ips: []`
     * turns the ACL off and `expires_at: EXPIRES_AT_NEVER` removes the expiry. Resolves to the updated proxy access.
     */
    async update(connId: string, proxyId: string, body: UpdateProxyAccessRequest, options?: CallOptions): Promise<ProxyAccess> {
      const ids = { connId, proxyId }
      return request.post(
        '/connections/{connId}/proxy-access/{proxyId}/update',
        { ids, body, bodySchema: updateProxyAccessRequestSchema, schema: proxyAccessSchema },
        options,
      )
    },

    /** `DELETE /connections/{connId}/proxy-access/{proxyId}`. Resolves to `{ id }` of the deleted proxy access. */
    async delete(connId: string, proxyId: string, options?: CallOptions): Promise<Deleted> {
      return request.delete('/connections/{connId}/proxy-access/{proxyId}', { ids: { connId, proxyId }, schema: deletedSchema }, options)
    },
  }
}

export type ProxiesResource = ReturnType<typeof createProxiesResource>

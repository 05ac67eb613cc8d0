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
import { checked, resolvePath } from './endpoint'

export function createProxiesResource(transport: Transport) {
  return {
    /** `GET /proxy-access`. Resolves to every proxy access of the user, across connections (unwrapped from `{ proxy_accesses }`). */
    async list(options?: CallOptions): Promise<ProxyAccess[]> {
      const res = await transport.send({ method: 'GET', path: '/proxy-access', schema: proxyAccessListResponseSchema }, options)
      return res.proxy_accesses
    },

    /** `GET /connections/{connId}/proxy-access`. Resolves to that connection's proxy accesses (unwrapped). */
    async listByConnection(connId: string, options?: CallOptions): Promise<ProxyAccess[]> {
      const path = resolvePath('GET', '/connections/{connId}/proxy-access', { connId })
      const res = await transport.send({ method: 'GET', path, schema: proxyAccessListResponseSchema }, options)
      return res.proxy_accesses
    },

    /**
     * `POST /connections/{connId}/proxy-access`. `listen_service` http|socks5, `auth_type` userpass|noauth (login and
     * password are generated when `auth` is left out); a noauth proxy needs `acl_inbound_policy` and a non-empty
     * `acl_inbound_ips`. Resolves to the new proxy access with its host, port and credentials (HTTP 201).
     */
    async create(connId: string, body: CreateProxyAccessRequest, options?: CallOptions): Promise<ProxyAccess> {
      const path = resolvePath('POST', '/connections/{connId}/proxy-access', { connId })
      const valid = checked(createProxyAccessRequestSchema, body, 'POST', path)
      return transport.send({ method: 'POST', path, body: valid, schema: proxyAccessSchema }, options)
    },

    /**
     * `POST /connections/{connId}/proxy-access/{proxyId}/update`. Only the fields sent change; `acl_inbound_ips: []`
     * turns the ACL off and `expires_at: EXPIRES_AT_NEVER` removes the expiry. Resolves to the updated proxy access.
     */
    async update(connId: string, proxyId: string, body: UpdateProxyAccessRequest, options?: CallOptions): Promise<ProxyAccess> {
      const path = resolvePath('POST', '/connections/{connId}/proxy-access/{proxyId}/update', { connId, proxyId })
      const valid = checked(updateProxyAccessRequestSchema, body, 'POST', path)
      return transport.send({ method: 'POST', path, body: valid, schema: proxyAccessSchema }, options)
    },

    /** `DELETE /connections/{connId}/proxy-access/{proxyId}`. Resolves to `{ id }` of the deleted proxy access. */
    async delete(connId: string, proxyId: string, options?: CallOptions): Promise<Deleted> {
      const path = resolvePath('DELETE', '/connections/{connId}/proxy-access/{proxyId}', { connId, proxyId })
      return transport.send({ method: 'DELETE', path, schema: deletedSchema }, options)
    },
  }
}

export type ProxiesResource = ReturnType<typeof createProxiesResource>

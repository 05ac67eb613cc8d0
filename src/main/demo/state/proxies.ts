/**
 * Proxy accesses, each served by a real listener on loopback: creating one opens a listener, updating one
 * changes its rules in place (same port), deleting one closes it. Responses report where the listener really is.
 */
import {
  EXPIRES_AT_NEVER,
  type CreateProxyAccessRequest,
  type UpdateProxyAccessRequest,
} from '../../../shared/iproxy'
import type { ProxyAccessDescription } from '../proxy-listeners'
import { randomId, randomText } from '../prng'
import { ApiError, notFound } from '../routes/router'
import type { SimRuntime } from '../runtime'
import type { SimProxy, SimState } from './store'
import { iso } from './store'

const LOGIN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

export function listenerDescription(p: SimProxy): ProxyAccessDescription {
  return {
    id: p.id,
    connectionId: p.connectionId,
    listenService: p.listenService,
    authType: p.authType,
    ...(p.authType === 'userpass' ? { login: p.login, password: p.password } : {}),
    aclInboundIps: [...p.aclIps],
    ...(p.expiresAt !== undefined ? { expiresAt: p.expiresAt } : {}),
  }
}

export function toApiProxy(p: SimProxy, host: string) {
  const json: Record<string, unknown> = {
    id: p.id,
    connection_id: p.connectionId,
    description: p.description,
    listen_service: p.listenService,
    auth_type: p.authType,
  }
  if (p.authType === 'userpass') json.auth = { login: p.login, password: p.password }
  if (p.aclIps.length > 0) {
    json.acl_inbound_policy = 'deny_except'
    json.acl_inbound_ips = [...p.aclIps]
  }
  json.ip = host
  json.port = p.port
  json.hostname = host
  json.password_updated_at = iso(p.passwordUpdatedAt)
  if (p.expiresAt !== undefined) json.expires_at = p.expiresAt
  return json
}

export function generatedLogin(state: SimState): string {
  const prefix = (state.account.proxyPrefix ?? '').replace(/[^A-Za-z0-9_-]/g, '') || 'user'
  return `${prefix}_${randomText(6, LOGIN_ALPHABET)}`
}

export function generatedPassword(): string {
  return randomText(12)
}

function proxyOf(state: SimState, connId: string, proxyId: string): SimProxy {
  if (!state.connections.has(connId)) throw notFound('connection', connId)
  const proxy = state.proxies.get(proxyId)
  if (!proxy || proxy.connectionId !== connId) throw notFound('proxy access', proxyId)
  return proxy
}

export function listProxies(state: SimState, connId?: string): SimProxy[] {
  const all = [...state.proxies.values()]
  return connId === undefined ? all : all.filter((p) => p.connectionId === connId)
}

/** Starts the real listener for an access (or re-applies its rules) and records the port it got. */
export async function bindProxy(sim: SimRuntime, proxy: SimProxy): Promise<void> {
  const { port } = await sim.listeners.open(listenerDescription(proxy))
  proxy.port = port
  proxy.bound = true
}

export async function createProxy(sim: SimRuntime, connId: string, body: CreateProxyAccessRequest): Promise<SimProxy> {
  const { state } = sim
  if (!state.connections.has(connId)) throw notFound('connection', connId)
  const now = state.now()
  const proxy: SimProxy = {
    id: randomId(),
    connectionId: connId,
    description: body.description ?? '',
    listenService: body.listen_service,
    authType: body.auth_type,
    ...(body.auth_type === 'userpass'
      ? { login: body.auth?.login ?? generatedLogin(state), password: body.auth?.password ?? generatedPassword() }
      : {}),
    aclIps: [...(body.acl_inbound_ips ?? [])],
    ...(body.expires_at !== undefined && body.expires_at !== EXPIRES_AT_NEVER ? { expiresAt: body.expires_at } : {}),
    port: 0,
    bound: false,
    passwordUpdatedAt: now,
    createdAt: now,
  }
  // Accesses made through the API always get a real listener.
  await bindProxy(sim, proxy)
  state.proxies.set(proxy.id, proxy)
  return proxy
}

export async function updateProxy(
  sim: SimRuntime,
  connId: string,
  proxyId: string,
  body: UpdateProxyAccessRequest,
): Promise<SimProxy> {
  const current = proxyOf(sim.state, connId, proxyId)
  const next: SimProxy = { ...current, aclIps: [...current.aclIps] }
  if (body.listen_service !== undefined) next.listenService = body.listen_service
  if (body.description !== undefined) next.description = body.description
  if (body.acl_inbound_ips !== undefined) next.aclIps = [...body.acl_inbound_ips]
  if (body.expires_at !== undefined) {
    if (body.expires_at === EXPIRES_AT_NEVER) delete next.expiresAt
    else next.expiresAt = body.expires_at
  }
  if (body.auth_type !== undefined) next.authType = body.auth_type
  if (next.authType === 'noauth') {
    delete next.login
    delete next.password
  } else {
    next.login = body.auth?.login ?? current.login ?? generatedLogin(sim.state)
    next.password = body.auth?.password ?? current.password ?? generatedPassword()
  }
  if (next.authType === 'noauth' && next.aclIps.length === 0) {
    // Without a password and without an allow-list the proxy would be open to anyone.
    throw new ApiError(400, 'validation_failed', 'acl_inbound_ips must list at least one IP address while auth_type is noauth', 'acl_inbound_ips')
  }
  if (next.login !== current.login || next.password !== current.password) next.passwordUpdatedAt = sim.state.now()
  if (current.bound) sim.listeners.update(listenerDescription(next))
  sim.state.proxies.set(next.id, next)
  return next
}

export async function deleteProxy(sim: SimRuntime, connId: string, proxyId: string): Promise<{ id: string }> {
  const proxy = proxyOf(sim.state, connId, proxyId)
  sim.state.proxies.delete(proxy.id)
  await sim.listeners.close(proxy.id)
  return { id: proxy.id }
}

export async function closeProxiesOf(sim: SimRuntime, connId: string): Promise<void> {
  const gone = listProxies(sim.state, connId)
  for (const p of gone) sim.state.proxies.delete(p.id)
  await Promise.all(gone.map((p) => sim.listeners.close(p.id)))
}

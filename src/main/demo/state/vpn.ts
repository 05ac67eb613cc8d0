/**
 * OpenVPN accesses of a connection and their config files.
 */
import { createHash } from 'node:crypto'
import { EXPIRES_AT_NEVER, type CreateOvpnAccessRequest, type UpdateOvpnAccessRequest } from '../../../shared/iproxy'
import { buildOvpnConfig } from '../ovpn'
import { randomId } from '../prng'
import { notFound } from '../routes/router'
import { getConnection } from './connections'
import type { SimState, SimVpn } from './store'
import { iso } from './store'

/** The docs' example gives a new access an expiry twenty years out. */
const NEW_ACCESS_LIFETIME_MS = 20 * 365.25 * 24 * 60 * 60 * 1000

export function toApiVpn(vpn: SimVpn, state: SimState) {
  const conn = state.connections.get(vpn.connectionId)
  const json: Record<string, unknown> = {
    id: vpn.id,
    connection_id: vpn.connectionId,
    name: vpn.name,
    description: vpn.description ?? '',
    status: vpn.status,
    dns: [...(conn?.settings.dns ?? [])],
  }
  if (vpn.expiresAt !== undefined) json.expires_at = vpn.expiresAt
  return json
}

function vpnOf(state: SimState, connId: string, vpnId: string): SimVpn {
  getConnection(state, connId)
  const vpn = state.vpns.get(vpnId)
  if (!vpn || vpn.connectionId !== connId) throw notFound('OpenVPN access', vpnId)
  return vpn
}

export function listVpns(state: SimState, connId?: string): SimVpn[] {
  if (connId !== undefined) getConnection(state, connId)
  const all = [...state.vpns.values()]
  return connId === undefined ? all : all.filter((v) => v.connectionId === connId)
}

export function createVpn(state: SimState, connId: string, body: CreateOvpnAccessRequest): SimVpn {
  getConnection(state, connId)
  const now = state.now()
  const vpn: SimVpn = {
    id: randomId(),
    connectionId: connId,
    name: body.name,
    ...(body.description !== undefined ? { description: body.description } : {}),
    status: 'active',
    expiresAt: iso(now + NEW_ACCESS_LIFETIME_MS),
    createdAt: now,
  }
  state.vpns.set(vpn.id, vpn)
  return vpn
}

export function updateVpn(state: SimState, connId: string, vpnId: string, body: UpdateOvpnAccessRequest): SimVpn {
  const vpn = vpnOf(state, connId, vpnId)
  if (body.name !== undefined) vpn.name = body.name
  if (body.description !== undefined) vpn.description = body.description
  if (body.expires_at !== undefined) {
    if (body.expires_at === EXPIRES_AT_NEVER) delete vpn.expiresAt
    else vpn.expiresAt = body.expires_at
  }
  vpn.status = vpn.expiresAt !== undefined && Date.parse(vpn.expiresAt) <= state.now() ? 'expired' : 'active'
  return vpn
}

export function deleteVpn(state: SimState, connId: string, vpnId: string): { id: string } {
  const vpn = vpnOf(state, connId, vpnId)
  state.vpns.delete(vpn.id)
  return { id: vpn.id }
}

/** The .ovpn file in base64 with the SHA-1 of the file itself (hex). */
export function vpnConfig(state: SimState, connId: string, vpnId: string) {
  const vpn = vpnOf(state, connId, vpnId)
  const conn = getConnection(state, connId)
  const text = buildOvpnConfig({ accessId: vpn.id, serverId: conn.serverId, name: vpn.name, dns: conn.settings.dns })
  const bytes = Buffer.from(text, 'utf8')
  return { config_base64: bytes.toString('base64'), config_sha1: createHash('sha1').update(bytes).digest('hex') }
}

import { createOvpnAccessRequestSchema, updateOvpnAccessRequestSchema } from '../../../shared/iproxy'
import { createVpn, deleteVpn, listVpns, toApiVpn, updateVpn, vpnConfig } from '../state/vpn'
import { created, ok, validated, type Route } from './router'

export const vpnRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/ovpn-access',
    handler: (_req, { state }) => ok({ ovpn_accesses: listVpns(state).map((v) => toApiVpn(v, state)) }),
  },
  {
    method: 'GET',
    pattern: '/connections/:connId/ovpn-access',
    handler: (req, { state }) => ok({ ovpn_accesses: listVpns(state, req.params.connId ?? '').map((v) => toApiVpn(v, state)) }),
  },
  {
    method: 'POST',
    pattern: '/connections/:connId/ovpn-access',
    handler: (req, { state }) =>
      created(toApiVpn(createVpn(state, req.params.connId ?? '', validated(createOvpnAccessRequestSchema, req.body ?? {})), state)),
  },
  {
    method: 'POST',
    pattern: '/connections/:connId/ovpn-access/:vpnId/update',
    handler: (req, { state }) => {
      const body = validated(updateOvpnAccessRequestSchema, req.body ?? {})
      return ok(toApiVpn(updateVpn(state, req.params.connId ?? '', req.params.vpnId ?? '', body), state))
    },
  },
  {
    method: 'DELETE',
    pattern: '/connections/:connId/ovpn-access/:vpnId',
    handler: (req, { state }) => ok(deleteVpn(state, req.params.connId ?? '', req.params.vpnId ?? '')),
  },
  {
    method: 'GET',
    pattern: '/connections/:connId/ovpn-access/:vpnId/config',
    handler: (req, { state }) => ok(vpnConfig(state, req.params.connId ?? '', req.params.vpnId ?? '')),
  },
]

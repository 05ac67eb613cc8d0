import { createProxyAccessRequestSchema, updateProxyAccessRequestSchema } from '../../../shared/iproxy'
import { getConnection } from '../state/connections'
import { createProxy, deleteProxy, listProxies, toApiProxy, updateProxy } from '../state/proxies'
import { created, ok, validated, type Route } from './router'

export const proxyRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/proxy-access',
    handler: (_req, sim) => ok({ proxy_accesses: listProxies(sim.state).map((p) => toApiProxy(p, sim.proxyHost)) }),
  },
  {
    method: 'GET',
    pattern: '/connections/:connId/proxy-access',
    handler: (req, sim) => {
      const connId = req.params.connId ?? ''
      getConnection(sim.state, connId)
      return ok({ proxy_accesses: listProxies(sim.state, connId).map((p) => toApiProxy(p, sim.proxyHost)) })
    },
  },
  {
    method: 'POST',
    pattern: '/connections/:connId/proxy-access',
    handler: async (req, sim) => {
      getConnection(sim.state, req.params.connId ?? '')
      const body = validated(createProxyAccessRequestSchema, req.body ?? {})
      return created(toApiProxy(await createProxy(sim, req.params.connId ?? '', body), sim.proxyHost))
    },
  },
  {
    method: 'POST',
    pattern: '/connections/:connId/proxy-access/:proxyId/update',
    handler: async (req, sim) => {
      const body = validated(updateProxyAccessRequestSchema, req.body ?? {})
      return ok(toApiProxy(await updateProxy(sim, req.params.connId ?? '', req.params.proxyId ?? '', body), sim.proxyHost))
    },
  },
  {
    method: 'DELETE',
    pattern: '/connections/:connId/proxy-access/:proxyId',
    handler: async (req, sim) => ok(await deleteProxy(sim, req.params.connId ?? '', req.params.proxyId ?? '')),
  },
]

/**
 * The account's data calls: the calls of shared/contract/connections.ts, proxies.ts, vpn.ts, stats.ts and
 * action-links.ts. Each one goes to the active profile's API client, so switching profiles switches every answer.
 * They share one file because each is one line into the client (its resources are the services): a contract
 * file names this file, and the line here names the resource method, so a call is one hop from its handler.
 * Inputs were parsed by the handler table with the same schemas the client checks again before sending.
 */
import { AppError } from '../app-error'
import type { Implementations } from '../handler-table'
import type { IproxyClient } from './client'
import { toProxyAccessView } from './proxy-access-view'

type DataCallName = Extract<keyof Implementations, `${'connections' | 'proxies' | 'vpn' | 'stats' | 'actionLinks'}.${string}`>

export function accountDataCalls(client: () => IproxyClient): Pick<Implementations, DataCallName> {
  return {
    'connections.list': () => client().connections.list(),
    'connections.get': ({ connId }) => client().connections.get(connId),
    'connections.statuses': () => client().connections.statuses(),
    'connections.create': (body) => client().connections.create(body),
    'connections.updateBasicInfo': ({ connId, body }) => client().connections.updateBasicInfo(connId, body),
    'connections.updateSettings': ({ connId, body }) => client().connections.updateSettings(connId, body),
    'connections.modifyTeamAccess': ({ connId, body }) => client().connections.modifyTeamAccess(connId, body),
    'connections.removeTeamAccess': ({ connId, body }) => client().connections.removeTeamAccess(connId, body),
    'connections.changePlan': ({ connId, body }) => client().connections.changePlan(connId, body),
    'connections.prolongatePlan': ({ connId, body }) => client().connections.prolongatePlan(connId, body),
    'connections.delete': ({ connId, body }) => client().connections.delete(connId, body),
    'connections.recreate': (body) => client().connections.recreate(body),
    'connections.smsHistory': ({ connId }) => client().connections.smsHistory(connId),
    'connections.pushCommand': ({ connId, body }) => client().connections.pushCommand(connId, body),
    'connections.createPinCode': ({ connId }) => client().connections.createPinCode(connId),
    'connections.createApiKey': ({ connId }) => client().connections.createApiKey(connId),

    // Proxies reach the page without their passwords or unknown fields (proxy-access-view.ts).
    'proxies.list': async () => (await client().proxies.list()).map(toProxyAccessView),
    'proxies.listByConnection': async ({ connId }) => (await client().proxies.listByConnection(connId)).map(toProxyAccessView),
    'proxies.create': async ({ connId, body }) => toProxyAccessView(await client().proxies.create(connId, body)),
    'proxies.update': async ({ connId, proxyId, body }) => toProxyAccessView(await client().proxies.update(connId, proxyId, body)),
    'proxies.delete': ({ connId, proxyId }) => client().proxies.delete(connId, proxyId),

    'vpn.list': () => client().vpn.list(),
    'vpn.listByConnection': ({ connId }) => client().vpn.listByConnection(connId),
    'vpn.create': ({ connId, body }) => client().vpn.create(connId, body),
    'vpn.update': ({ connId, ovpnId, body }) => client().vpn.update(connId, ovpnId, body),
    'vpn.delete': ({ connId, ovpnId }) => client().vpn.delete(connId, ovpnId),

    'stats.trafficByDay': ({ connId, from, to, timezone }) =>
      client().stats.trafficByDay(connId, timezone === undefined ? { from, to } : { from, to, timezone }),
    'stats.trafficByHourPort': ({ connId, from, to }) => client().stats.trafficByHourPort(connId, { from, to }),
    'stats.uptime': ({ connId, from, to }) => client().stats.uptime(connId, { from, to }),
    'stats.ipHistory': ({ connId, from, to }) => client().stats.ipHistory(connId, { from, to }),

    'actionLinks.list': (filter) => client().actionLinks.list(filter ?? {}),
    'actionLinks.listByConnection': ({ connId, ...filter }) => client().actionLinks.listByConnection(connId, filter),
    'actionLinks.create': ({ connId, body }) => client().actionLinks.create(connId, body),
    'actionLinks.delete': ({ connId, linkId }) => client().actionLinks.delete(connId, linkId),
    'actionLinks.execute': async ({ connId, linkId }) => {
      const link = (await client().actionLinks.listByConnection(connId)).find((l) => l.id === linkId)
      if (!link) throw new AppError('not_found', 'That action link no longer exists. Refresh the list.')
      return client().actionLinks.execute(link)
    },
  }
}

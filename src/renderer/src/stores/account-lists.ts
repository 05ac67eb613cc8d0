/**
 * The account-wide lists every screen shares, one request each however many connections there are
 * (GET /connections, /connections-status, /proxy-access, /ovpn-access, /actionlinks).
 */
import type { ActionLink, Connection, ConnectionStatus, OvpnAccess, ProxyAccess } from '../../../shared/iproxy'
import { getApi } from '../bridge'
import { createProfileCache } from './profile-cache'

export const useConnectionsCache = createProfileCache<Connection[]>(() => getApi().connections.list())
export const useStatusesCache = createProfileCache<ConnectionStatus[]>(() => getApi().connections.statuses())
export const useProxiesCache = createProfileCache<ProxyAccess[]>(() => getApi().proxies.list())
export const useVpnCache = createProfileCache<OvpnAccess[]>(() => getApi().vpn.list())
export const useActionLinksCache = createProfileCache<ActionLink[]>(() => getApi().actionLinks.list())

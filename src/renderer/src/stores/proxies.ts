/** Proxy accesses: the account's list (GET /proxy-access) and each connection's, changed only through applyChange. */
import type { ProxyAccess } from '../../../shared/iproxy'
import { getApi } from '../bridge'
import { createResourceStore } from './resource-store'

export const proxyStore = createResourceStore<ProxyAccess>({
  listAll: () => getApi().proxies.list(),
  listOfConnection: (connId) => getApi().proxies.listByConnection({ connId }),
  connectionOf: (proxy) => proxy.connection_id,
})

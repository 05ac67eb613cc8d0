/** Proxy accesses: the account's list (GET /proxy-access) and each connection's, changed only through applyChange. */
import type { ProxyAccessView } from '../../../shared/iproxy/proxy-access-view'
import { getApi } from '../bridge'
import { createResourceStore } from './resource-store'

export const proxyStore = createResourceStore<ProxyAccessView>({
  listAll: () => getApi().proxies.list(),
  listOfConnection: (connId) => getApi().proxies.listByConnection({ connId }),
  connectionOf: (proxy) => proxy.connection_id,
})

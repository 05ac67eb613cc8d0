/** OpenVPN accesses: the account's list (GET /ovpn-access) and each connection's, changed only through applyChange. */
import type { OvpnAccess } from '../../../shared/iproxy'
import { getApi } from '../bridge'
import { createResourceStore } from './resource-store'

export const vpnStore = createResourceStore<OvpnAccess>({
  listAll: () => getApi().vpn.list(),
  listOfConnection: (connId) => getApi().vpn.listByConnection({ connId }),
  connectionOf: (vpn) => vpn.connection_id,
})

/** Action links: the account's list (GET /actionlinks) and each connection's, changed only through applyChange. */
import type { ActionLink } from '../../../shared/iproxy'
import { getApi } from '../bridge'
import { createResourceStore } from './resource-store'

export const actionLinkStore = createResourceStore<ActionLink>({
  listAll: () => getApi().actionLinks.list(),
  listOfConnection: (connId) => getApi().actionLinks.listByConnection({ connId }),
  connectionOf: (link) => link.connection_id,
})

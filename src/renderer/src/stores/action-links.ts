/** Action links: the account's list (GET /actionlinks) and each connection's, changed only through applyChange. */
import type { ActionLink, ActionLinkAction } from '../../../shared/iproxy'
import { getApi } from '../bridge'
import { createCache, useCached, type CachedData } from './cache'
import { createResourceStore } from './resource-store'

export const actionLinkStore = createResourceStore<ActionLink>({
  listAll: () => getApi().actionLinks.list(),
  listOfConnection: (connId) => getApi().actionLinks.listByConnection({ connId }),
  connectionOf: (link) => link.connection_id,
})

/** The API's answers to `?action=`, keyed by list, action and the version of the unfiltered list they follow. */
const byActionCache = createCache<ActionLink[]>()
const versions = new WeakMap<readonly ActionLink[], number>()
let nextVersion = 1
function versionOf(list: readonly ActionLink[]): number {
  let v = versions.get(list)
  if (v === undefined) {
    v = nextVersion++
    versions.set(list, v)
  }
  return v
}

/**
 * The links of one action only (`action` undefined: all of them), as the API's `?action=` filter answers. Asked
 * again whenever the unfiltered list changes (a link created, deleted or refreshed); meanwhile the unfiltered list's
 * links of that action are shown, so a change never waits for the round trip.
 */
export function useActionLinks(connId: string | undefined, action: ActionLinkAction | undefined): CachedData<ActionLink[]> {
  const all = actionLinkStore.useList(connId)
  const key = action && all.data ? `${connId ?? '*'}|${action}|${versionOf(all.data)}` : undefined
  const filtered = useCached(byActionCache, key, () =>
    connId === undefined ? getApi().actionLinks.list({ action: action! }) : getApi().actionLinks.listByConnection({ connId, action: action! }),
  )
  if (!action) return all
  const data = filtered.data ?? all.data?.filter((l) => l.action === action)
  const error = all.error ?? filtered.error
  return { ...all, ...(data ? { data } : {}), ...(error ? { error } : {}) }
}

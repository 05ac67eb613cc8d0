import { ACTION_LINK_ACTIONS, createActionLinkRequestSchema } from '../../../shared/iproxy'
import { createActionLink, deleteActionLink, listActionLinks, toApiActionLink } from '../state/action-links'
import type { SimActionLink } from '../state/store'
import { ApiError, created, ok, validated, type Route, type RouteRequest } from './router'

/** The documented `?action=reboot|changeip` filter of both list endpoints; any other value is the caller's mistake. */
function byActionQuery(req: RouteRequest): (link: SimActionLink) => boolean {
  const action = req.query.get('action')
  if (action === null || action === '') return () => true
  if (!(ACTION_LINK_ACTIONS as readonly string[]).includes(action)) {
    throw new ApiError(400, 'invalid_action', `action must be one of ${ACTION_LINK_ACTIONS.join(', ')}, got "${action}"`, 'action')
  }
  return (link) => link.action === action
}

export const actionLinkRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/actionlinks',
    handler: (req, sim) =>
      ok({ action_links: listActionLinks(sim.state).filter(byActionQuery(req)).map((l) => toApiActionLink(l, sim.origin())) }),
  },
  {
    method: 'GET',
    pattern: '/connections/:connId/actionlinks',
    handler: (req, sim) =>
      ok({
        action_links: listActionLinks(sim.state, req.params.connId ?? '')
          .filter(byActionQuery(req))
          .map((l) => toApiActionLink(l, sim.origin())),
      }),
  },
  {
    method: 'POST',
    pattern: '/connections/:connId/actionlinks',
    handler: (req, { state }) =>
      created(createActionLink(state, req.params.connId ?? '', validated(createActionLinkRequestSchema, req.body ?? {}))),
  },
  {
    method: 'DELETE',
    pattern: '/connections/:connId/actionlinks/:linkId',
    handler: (req, { state }) => ok(deleteActionLink(state, req.params.connId ?? '', req.params.linkId ?? '')),
  },
]

import { createActionLinkRequestSchema } from '../../../shared/iproxy'
import { createActionLink, deleteActionLink, listActionLinks, toApiActionLink } from '../state/action-links'
import { created, ok, validated, type Route } from './router'

export const actionLinkRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/actionlinks',
    handler: (_req, sim) => ok({ action_links: listActionLinks(sim.state).map((l) => toApiActionLink(l, sim.origin())) }),
  },
  {
    method: 'GET',
    pattern: '/connections/:connId/actionlinks',
    handler: (req, sim) =>
      ok({ action_links: listActionLinks(sim.state, req.params.connId ?? '').map((l) => toApiActionLink(l, sim.origin())) }),
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

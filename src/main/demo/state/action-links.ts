/**
 * Action links: URLs on the simulator itself (`/actionlinks/do/{action}/{id}`) that reboot a phone or change
 * its IP without the API key.
 */
import type { CreateActionLinkRequest } from '../../../shared/iproxy'
import { randomId } from '../prng'
import { notFound } from '../routes/router'
import type { SimRuntime } from '../runtime'
import { changeIp, getConnection, reboot } from './connections'
import type { SimActionLink, SimState } from './store'
import { iso } from './store'

export function actionLinkUrl(origin: string, link: SimActionLink): string {
  return `${origin}/actionlinks/do/${link.action}/${link.id}`
}

export function toApiActionLink(link: SimActionLink, origin: string) {
  return {
    id: link.id,
    link: actionLinkUrl(origin, link),
    action: link.action,
    connection_id: link.connectionId,
    comment: link.comment ?? '',
    created_at: iso(link.createdAt),
  }
}

export function listActionLinks(state: SimState, connId?: string): SimActionLink[] {
  if (connId !== undefined) getConnection(state, connId)
  const all = [...state.actionLinks.values()]
  return connId === undefined ? all : all.filter((l) => l.connectionId === connId)
}

export function createActionLink(state: SimState, connId: string, body: CreateActionLinkRequest): { id: string } {
  getConnection(state, connId)
  const link: SimActionLink = {
    id: randomId(),
    connectionId: connId,
    action: body.action,
    ...(body.comment !== undefined ? { comment: body.comment } : {}),
    createdAt: state.now(),
  }
  state.actionLinks.set(link.id, link)
  return { id: link.id }
}

export function deleteActionLink(state: SimState, connId: string, linkId: string): { id: string } {
  getConnection(state, connId)
  const link = state.actionLinks.get(linkId)
  if (!link || link.connectionId !== connId) throw notFound('action link', linkId)
  state.actionLinks.delete(linkId)
  return { id: linkId }
}

/** Runs a link. The action in the URL must be the link's own: a reboot link cannot be used to change the IP. */
export function executeActionLink(sim: SimRuntime, action: string, linkId: string): { message: string } {
  const link = sim.state.actionLinks.get(linkId)
  if (!link || link.action !== action) throw notFound('action link', linkId)
  const conn = getConnection(sim.state, link.connectionId)
  if (link.action === 'changeip') changeIp(sim.state, conn)
  else reboot(sim, conn)
  return { message: `${link.action} command has been sent` }
}

/**
 * Team access: other users' permissions on a connection, shown in its `shared_users`.
 */
import { TEAM_PERMISSIONS, type ModifyTeamAccessRequest } from '../../../shared/iproxy'
import { notFound } from '../routes/router'
import { getConnection } from './connections'
import type { SimState } from './store'

/** Adds the member when new (every permission off), then applies the permissions sent. Answers all of them. */
export function modifyTeamAccess(state: SimState, connId: string, body: ModifyTeamAccessRequest) {
  const conn = getConnection(state, connId)
  const email = body.email.toLowerCase()
  const permissions = conn.sharedUsers.get(email) ?? Object.fromEntries(TEAM_PERMISSIONS.map((p) => [p, false]))
  for (const [name, value] of Object.entries(body.permissions)) if (value !== undefined) permissions[name] = value
  conn.sharedUsers.set(email, permissions)
  conn.updatedAt = state.now()
  return { email, permissions: { ...permissions } }
}

export function removeTeamAccess(state: SimState, connId: string, rawEmail: string) {
  const conn = getConnection(state, connId)
  const email = rawEmail.toLowerCase()
  if (!conn.sharedUsers.delete(email)) throw notFound('team member', email)
  conn.updatedAt = state.now()
  return { email }
}

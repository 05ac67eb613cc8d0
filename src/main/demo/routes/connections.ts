import {
  changePlanRequestSchema,
  commandPushRequestSchema,
  createConnectionRequestSchema,
  deleteConnectionRequestSchema,
  modifyTeamAccessRequestSchema,
  prolongatePlanRequestSchema,
  recreateConnectionRequestSchema,
  removeTeamAccessRequestSchema,
  updateConnectionBasicInfoRequestSchema,
  updateSettingsRequestSchema,
} from '../../../shared/iproxy'
import { randomDigits, randomText } from '../prng'
import {
  createConnection,
  deleteConnection,
  getConnection,
  pushCommand,
  recreateConnection,
  toApiConnection,
  toApiStatus,
  updateConnectionBasicInfo,
  updateConnectionSettings,
} from '../state/connections'
import { changePlan, prolongatePlan } from '../state/plans'
import { smsHistory } from '../state/sms'
import { iso } from '../state/store'
import { modifyTeamAccess, removeTeamAccess } from '../state/team'
import { created, ok, validated, type Route } from './router'

const PIN_LIFETIME_MS = 10 * 60 * 1000

export const connectionRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/connections',
    handler: (_req, { state }) => ok({ connections: [...state.connections.values()].map((c) => toApiConnection(c, state)) }),
  },
  {
    method: 'POST',
    pattern: '/connections',
    handler: (req, { state }) => created(createConnection(state, validated(createConnectionRequestSchema, req.body ?? {}))),
  },
  {
    method: 'GET',
    pattern: '/connections/:connId',
    handler: (req, { state }) => ok(toApiConnection(getConnection(state, req.params.connId ?? ''), state)),
  },
  {
    method: 'DELETE',
    pattern: '/connections/:connId',
    handler: async (req, sim) => {
      getConnection(sim.state, req.params.connId ?? '')
      validated(deleteConnectionRequestSchema, req.body ?? {})
      return ok(await deleteConnection(sim, req.params.connId ?? ''))
    },
  },
  {
    method: 'POST',
    pattern: '/connections/:connId/update-basic-info',
    handler: (req, { state }) =>
      ok(updateConnectionBasicInfo(state, req.params.connId ?? '', validated(updateConnectionBasicInfoRequestSchema, req.body ?? {}))),
  },
  {
    method: 'POST',
    pattern: '/connections/:connId/update-settings',
    handler: (req, { state }) =>
      ok(updateConnectionSettings(state, req.params.connId ?? '', validated(updateSettingsRequestSchema, req.body ?? {}))),
  },
  {
    method: 'POST',
    pattern: '/connections/:connId/team-access/modify',
    handler: (req, { state }) =>
      ok(modifyTeamAccess(state, req.params.connId ?? '', validated(modifyTeamAccessRequestSchema, req.body ?? {}))),
  },
  {
    method: 'POST',
    pattern: '/connections/:connId/team-access/remove',
    handler: (req, { state }) =>
      ok(removeTeamAccess(state, req.params.connId ?? '', validated(removeTeamAccessRequestSchema, req.body ?? {}).email)),
  },
  {
    method: 'POST',
    pattern: '/connections/:connId/change-plan',
    handler: (req, { state }) => ok(changePlan(state, req.params.connId ?? '', validated(changePlanRequestSchema, req.body ?? {}))),
  },
  {
    method: 'POST',
    pattern: '/connections/:connId/prolongate-plan',
    handler: (req, { state }) =>
      ok(prolongatePlan(state, req.params.connId ?? '', validated(prolongatePlanRequestSchema, req.body ?? {}))),
  },
  {
    method: 'GET',
    pattern: '/connections/:connId/sms-history',
    handler: (req, { state }) => ok(smsHistory(state, req.params.connId ?? '')),
  },
  {
    // Singular "connection", as documented.
    method: 'POST',
    pattern: '/connection/:connId/command-push',
    handler: (req, sim) => {
      getConnection(sim.state, req.params.connId ?? '')
      return ok(pushCommand(sim, req.params.connId ?? '', validated(commandPushRequestSchema, req.body ?? {})))
    },
  },
  {
    method: 'GET',
    pattern: '/connections-status',
    handler: (_req, { state }) => ok({ connections: [...state.connections.values()].map(toApiStatus) }),
  },
  {
    method: 'POST',
    pattern: '/connections/:connId/pin-code',
    handler: (req, { state }) => {
      getConnection(state, req.params.connId ?? '')
      return ok({ pincode: randomDigits(6), expires_at: iso(state.now() + PIN_LIFETIME_MS) })
    },
  },
  {
    method: 'POST',
    pattern: '/connections/:connId/api-key',
    handler: (req, { state }) => {
      const conn = getConnection(state, req.params.connId ?? '')
      conn.apiKey = randomText(32)
      return ok({ api_key: conn.apiKey })
    },
  },
  {
    method: 'POST',
    pattern: '/recreate-connection',
    handler: async (req, sim) => created(await recreateConnection(sim, validated(recreateConnectionRequestSchema, req.body ?? {}))),
  },
]

import { updateUserBasicInfoRequestSchema } from '../../../shared/iproxy'
import { rotateApiKey, toApiUser, updateUserBasicInfo } from '../state/account'
import { ok, validated, type Route } from './router'

export const meRoutes: Route[] = [
  { method: 'GET', pattern: '/me', handler: (_req, sim) => ok(toApiUser(sim.state.account)) },
  {
    method: 'POST',
    pattern: '/me/update-basic-info',
    handler: (req, sim) => ok(updateUserBasicInfo(sim.state.account, validated(updateUserBasicInfoRequestSchema, req.body ?? {}))),
  },
  { method: 'POST', pattern: '/me/api-key', handler: (_req, sim) => ok(rotateApiKey(sim.state.account)) },
]

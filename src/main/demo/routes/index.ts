import { actionLinkRoutes } from './action-links'
import { connectionRoutes } from './connections'
import { meRoutes } from './me'
import { proxyRoutes } from './proxies'
import type { Route } from './router'
import { statsRoutes } from './stats'
import { vpnRoutes } from './vpn'

/** Every Console API endpoint, relative to `/api/console/v1`. */
export const API_ROUTES: readonly Route[] = [
  ...meRoutes,
  ...connectionRoutes,
  ...proxyRoutes,
  ...vpnRoutes,
  ...statsRoutes,
  ...actionLinkRoutes,
]

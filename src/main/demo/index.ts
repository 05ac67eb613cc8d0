/**
 * The embedded iProxy simulator: demo mode, tests and `npm run simulator`. Plain Node, no electron.
 */
export { API_ROOT, startSimulator, type Simulator, type SimulatorOptions } from './simulator'
export type { SimTiming } from './runtime'
export type { ScaleOptions } from './demo-data'
export type { SimState, SimConnection, SimProxy, SimVpn, SimActionLink, SimAccount } from './state/store'
export { receiveSms, SMS_HISTORY_LIMIT, type IncomingSms } from './state/sms'
export { PLAN_CATALOG, COUPONS } from './state/plans'
export { buildOvpnConfig } from './ovpn'
export { createFaults, type Fault, type FaultRule, type Faults, type FaultStatus } from './faults'
export { handleEcho, startEchoServer, type EchoAnswer, type ExitInfo } from './echo-server'
export { createExitRegistry, type ExitRegistry } from './exit-registry'
export { createProxyListenerPool, type ProxyListenerPool, type ProxyAccessDescription } from './proxy-listeners'

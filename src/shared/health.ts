/**
 * Proxy health checks: shapes shared by main and renderer, and the `health` domain of the IPC contract
 * (assembled in bridge.ts).
 */
export const healthCalls = {} as const

export const healthEvents = {} as const

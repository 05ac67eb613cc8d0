/**
 * Proxy lists and OpenVPN files: shapes shared by main and renderer, and the `exports` domain of the IPC
 * contract (assembled in bridge.ts). The line formats themselves are in proxy-formats.ts.
 */
export const exportsCalls = {} as const

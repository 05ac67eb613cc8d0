/**
 * The `relay` domain of the IPC contract: local relays and failover groups (shapes in shared/relay.ts), handled in
 * main/relay/calls.ts. The page polls `list` for live figures while the Relays screen is open.
 */
import { z } from 'zod'
import { relayDefinitionInputSchema, type RelayStatus } from '../relay'
import { call, idSchema as id, noInput } from './kit'

export const relayContract = {
  calls: {
    /** Every relay with its state, ports, open tunnels, bytes and rates, upstreams and switches. */
    list: call<RelayStatus[]>()(noInput),
    /** Adds a relay (stopped); port 0 picks a free one at its first start, which is then kept. */
    create: call<RelayStatus>()(relayDefinitionInputSchema),
    remove: call<{ removed: boolean }>()(z.strictObject({ id })),
    /** Starts it; a failure (port taken, no password off loopback) is in the status's `lastError`. */
    start: call<RelayStatus>()(z.strictObject({ id })),
    stop: call<RelayStatus>()(z.strictObject({ id })),
    /**
     * Opens Chrome, Chromium or Edge (found on this computer, or at `browserPath`) with a fresh temporary profile
     * and `--proxy-server` set to the running relay. `found: false` when no browser was found: ask for its path.
     */
    openBrowser: call<{ found: boolean; browser?: string }>()(z.strictObject({ id, browserPath: z.string().min(1).max(4_096).optional() })),
  },
} as const

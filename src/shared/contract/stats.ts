/**
 * The `stats` domain of the IPC contract: a connection's traffic, uptime and IP history over a period.
 * Handled in main/iproxy/calls.ts, which hands each call to the active profile's API client.
 */
import { z } from 'zod'
import type { IpHistoryEntry, PortTraffic, TrafficByDay, UptimeEntry } from '../iproxy'
import { call, idSchema } from './kit'

/** Stats windows cross the bridge as RFC 3339 strings; the client checks them again before sending. */
const statsWindow = z.strictObject({ connId: idSchema, from: z.string().min(1).max(64), to: z.string().min(1).max(64) })

export const statsContract = {
  calls: {
    trafficByDay: call<TrafficByDay>()(statsWindow.extend({ timezone: z.string().max(64).optional() })),
    trafficByHourPort: call<PortTraffic[]>()(statsWindow),
    uptime: call<UptimeEntry[]>()(statsWindow),
    ipHistory: call<IpHistoryEntry[]>()(statsWindow),
  },
} as const

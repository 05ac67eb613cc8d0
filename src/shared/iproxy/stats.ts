/**
 * A connection's traffic, uptime and IP history over a period, as zod schemas: `client.stats` in
 * main/iproxy/resources/stats.ts.
 */
import { z } from 'zod'
import { isRfc3339, toRfc3339 } from '../validators'
import { listOf, optionalText } from './common'

/** `Date` or RFC 3339 text in, RFC 3339 text out (what goes into the query string). */
export const timestampInputSchema = z.union([z.instanceof(Date), z.string()], 'must be a Date or an RFC 3339 date-time such as 2025-07-01T00:00:00Z').superRefine((value, ctx) => {
  const ok = value instanceof Date ? !Number.isNaN(value.getTime()) : isRfc3339(value)
  if (!ok) ctx.addIssue({ code: 'custom', params: { id: 'date' }, message: 'must be a valid Date or an RFC 3339 date-time such as 2025-07-01T00:00:00Z' })
}).transform((value) => (value instanceof Date ? toRfc3339(value) : value))

export const statsRangeQuerySchema = z.strictObject({ from: timestampInputSchema, to: timestampInputSchema })
  .superRefine((range, ctx) => {
    if (typeof range.from === 'string' && typeof range.to === 'string' && Date.parse(range.to) < Date.parse(range.from)) {
      ctx.addIssue({ code: 'custom', path: ['to'], params: { id: 'range_order' }, message: 'must not be before from' })
    }
  })
export type StatsRangeQuery = z.input<typeof statsRangeQuerySchema>

export const trafficByDayQuerySchema = z.strictObject({
  from: timestampInputSchema,
  to: timestampInputSchema,
  /** An IANA zone such as Europe/Lisbon; the server falls back to UTC for anything it does not know. */
  timezone: z.string().optional(),
}).superRefine((range, ctx) => {
  if (typeof range.from === 'string' && typeof range.to === 'string' && Date.parse(range.to) < Date.parse(range.from)) {
    ctx.addIssue({ code: 'custom', path: ['to'], params: { id: 'range_order' }, message: 'must not be before from' })
  }
})
export type TrafficByDayQuery = z.input<typeof trafficByDayQuerySchema>

const trafficSampleSchema = z.looseObject({ date: z.string(), in_bytes: z.number(), out_bytes: z.number() })
export type TrafficSample = z.output<typeof trafficSampleSchema>

export const trafficByDaySchema = z.looseObject({
  total_in_bytes: z.number(),
  total_out_bytes: z.number(),
  daily_stats: listOf(trafficSampleSchema),
})
export type TrafficByDay = z.output<typeof trafficByDaySchema>

export const portTrafficSchema = z.looseObject({
  /** Text in the docs ("20314"); a number is accepted and turned into text. */
  port: z.union([z.string(), z.number().transform(String)]),
  total_in_bytes: z.number(),
  total_out_bytes: z.number(),
  hourly_stats: listOf(trafficSampleSchema),
})
export type PortTraffic = z.output<typeof portTrafficSchema>
export const trafficByHourPortResponseSchema = z.looseObject({ port_stats: listOf(portTrafficSchema) })

export const uptimeEntrySchema = z.looseObject({ date: z.string(), status: z.string() })
export type UptimeEntry = z.output<typeof uptimeEntrySchema>
export const uptimeResponseSchema = z.looseObject({ uptime: listOf(uptimeEntrySchema) })

export const ipHistoryEntrySchema = z.looseObject({ date: z.string(), ipv4: optionalText, ipv6: optionalText })
export type IpHistoryEntry = z.output<typeof ipHistoryEntrySchema>
export const ipHistoryResponseSchema = z.looseObject({ ip_history: listOf(ipHistoryEntrySchema) })

/**
 * What the iProxy Console API's shapes (one file per resource in this folder) share: the base URL, the building
 * blocks of its validation rules, and the answers several resources give (`{ id }` of a delete, `{ message }` of
 * a command, `{ api_key }` of a new key).
 *
 * Request schemas are strict and carry the documented validation rules, with messages that name the rule (forms
 * show them as they are). Response schemas are lenient: unknown fields pass through, fields the docs show absent
 * somewhere are optional, and lists may arrive as `null` (the API is written in Go, where an empty slice is often
 * serialized as `null`) and become `[]`. The value validators (IP, RFC 3339, URL, cron) live in ../validators.ts.
 */
import { z } from 'zod'
import { isIpAddress, isRfc3339 } from '../validators'

export const IPROXY_DEFAULT_BASE_URL = 'https://iproxy.online/api/console/v1/'

/** `expires_at` value that removes an expiry date (proxy and VPN access updates). */
export const EXPIRES_AT_NEVER = '0001-01-01T00:00:00Z'

// ---------------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------------

export const LENGTH_RULE = 'must be 1–256 characters'
/** The seed's only length rule ("min 1 and max 256 chars", /me/update-basic-info), used for every name and description. */
export const TEXT_MAX = 256
export const basicInfoText = z.string().min(1, LENGTH_RULE).max(TEXT_MAX, LENGTH_RULE)
export const rfc3339 = z.string().max(64, 'must be an RFC 3339 date-time such as 2026-01-01T01:01:01Z').refine(isRfc3339, { message: 'must be an RFC 3339 date-time such as 2026-01-01T01:01:01Z', params: { id: 'date' } })
export const ipAddress = z.string().max(45, 'must be an IP address such as 1.1.1.1 or 2606:4700::1111').refine(isIpAddress, { message: 'must be an IP address such as 1.1.1.1 or 2606:4700::1111', params: { id: 'ip' } })
export const nonEmptyId = z.string().min(1, 'is required').max(128, 'must be at most 128 characters')

/**
 * Caps where the seed names no limit: generous enough for any real value, small enough that a page cannot make
 * main parse, store or send megabytes. Free text without a documented limit gets the seed's 256 for names.
 */
export const LIMITS = {
  /** Proxy login and password: the seed names no limit; 256 like every other text the API documents. */
  credential: TEXT_MAX,
  /** A proxy's inbound ACL: the seed names no limit. */
  aclIps: 1000,
  /** A phone's DNS servers: the seed names no limit; a phone uses two or three. */
  dnsServers: 32,
  /** Hours before a plan expires to send a reminder: the seed names no limit. */
  reminders: 100,
  /** URLs (MacroDroid webhook): the seed names no limit; 2048 is what browsers and servers reliably take. */
  url: 2048,
  /** Free text the user types where the seed names no limit (delete reason, action-link comment, coupon code). */
  freeText: TEXT_MAX,
} as const

/** A list of at most `max` items, with a message that names the cap. */
export function listUpTo<T extends z.ZodType>(item: T, max: number, what: string) {
  return z.array(item).max(max, `must list at most ${max} ${what}`)
}

/** A string of at most `max` characters, with a message that names the cap. */
export function textUpTo(max: number) {
  return z.string().max(max, `must be at most ${max} characters`)
}

export function wholeNumberIn(min: number, max: number, unit: string): z.ZodNumber {
  const rule = `must be a whole number from ${min} to ${max}${unit ? ` ${unit}` : ''} (0 disables)`
  return z.number(rule).int(rule).min(min, rule).max(max, rule)
}

export const wholeNumberAtLeastZero = z.number('must be a whole number, 0 or more')
  .int('must be a whole number, 0 or more')
  .min(0, 'must be a whole number, 0 or more')

/** A list that the server may send as `null` or leave out; it is always an array once parsed. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.array(item).nullish().transform((list) => list ?? [])
}

/** The documented values of each openEnum, for the API drift report's strict parse (main/drift/strict.ts). */
export const documentedValues = new WeakMap<z.ZodType, readonly string[]>()

/** A string the API documents as a closed set: parsed leniently (a new value must not break a list), typed helpfully. */
export function openEnum<const T extends readonly string[]>(values: T) {
  const schema = z.string()
  documentedValues.set(schema, values)
  return schema as unknown as z.ZodType<T[number] | (string & {})>
}

/** A user-set field that may come back empty or missing. */
export const optionalText = z.string().optional()

// ---------------------------------------------------------------------------------------------------------
// Answers several resources give
// ---------------------------------------------------------------------------------------------------------

/** `{ id }`: what every delete answers with. */
export const deletedSchema = z.looseObject({ id: z.string() })
export type Deleted = z.output<typeof deletedSchema>

/** `{ message: "<action> command has been sent" }` (command push and action links). */
export const commandSentSchema = z.looseObject({ message: z.string() })
export type CommandSent = z.output<typeof commandSentSchema>

export const apiKeySchema = z.looseObject({ api_key: z.string() })
export type ApiKeyResult = z.output<typeof apiKeySchema>

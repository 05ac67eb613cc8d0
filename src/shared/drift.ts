/**
 * The API drift report's shapes, shared by main (main/drift builds it), the command line (`iproxy doctor`) and the
 * Help screen (which shows it). A report names endpoints by their documented path template and fields by their
 * JSON path with `[]` for any list element: it never holds a value the API sent, only field names, type names
 * and documented enum values, so it can be copied into a bug report as it is.
 */

/** What differs from the docs. */
export type DriftKind =
  /** A field the docs do not mention. */
  | 'undocumented-field'
  /** A documented (required) field that is not there. */
  | 'missing-field'
  /** A field of another type than documented (a number for text, null for a list). */
  | 'type'
  /** A value outside the documented set of an enum. */
  | 'enum-value'
  /** A value the documented rule refuses (a date that is not RFC 3339, say). */
  | 'value'
  /** An HTTP status other than the documented 200. */
  | 'status'
  /** An answer that is not JSON at all. */
  | 'not-json'

export interface DriftDifference {
  /** The documented path template, e.g. `/connections/{connId}`. */
  endpoint: string
  kind: DriftKind
  /** JSON path, `connections[].settings.dns`; empty for the whole answer. */
  path: string
  /** What the docs say: a type name, the documented enum values, the documented status. */
  expected?: string
  /** What came: a type name, the undocumented enum value (masked when it looks like an id), the status. */
  received?: string
  /** How many places in the answer show it (list elements). */
  count: number
  /** True when the app's own (lenient) parse fails too: that screen cannot show this answer. */
  breaks: boolean
}

export type DriftOutcome = 'same' | 'differs' | 'failed' | 'skipped'

export interface DriftEndpointResult {
  endpoint: string
  outcome: DriftOutcome
  /** HTTP status; absent when no answer came or the call was skipped. */
  status?: number
  /** Why it failed or was skipped, in plain words (never a key or an id). */
  note?: string
}

export interface DriftReport {
  checkedAt: string
  /** The API's host (not secret: it is the same for every user of a server). */
  apiHost: string
  /** The connection whose endpoints were read, masked (`ab…9f`). */
  connection?: string
  endpoints: DriftEndpointResult[]
  differences: DriftDifference[]
  /** True when every endpoint answered as documented. */
  clean: boolean
  /** One line: what a user or a bug report needs first. */
  verdict: string
}

/**
 * The simulator's drift fault: the real answer, with fields added, removed or retyped on the way out, so the
 * API drift report (main/drift) can be shown a service that has drifted from its docs, one named change at a
 * time. The route answers as usual; this holds its head back, edits the JSON body, and sends both.
 *
 * A change's path is a JSON path as the report writes it: `connections[].online_status` edits that field in
 * every element of the list.
 */
import type { ServerResponse } from 'node:http'

export type DriftChange =
  | { op: 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'retype'; path: string; value: unknown }

/** The parents a path's last key lives in, and that key (`[]` fans out over a list's elements). */
function parentsOf(root: unknown, path: string): { parents: Record<string, unknown>[]; key: string } {
  const parts = path.split('.')
  const key = parts.pop() as string
  let nodes: unknown[] = [root]
  for (const part of parts) {
    const list = part.endsWith('[]')
    const name = list ? part.slice(0, -2) : part
    nodes = nodes.flatMap((node) => {
      const value = name === '' ? node : (node as Record<string, unknown> | null)?.[name]
      if (list) return Array.isArray(value) ? value : []
      return value !== null && typeof value === 'object' ? [value] : []
    })
  }
  const last = key.endsWith('[]') ? key.slice(0, -2) : key
  if (key.endsWith('[]')) throw new RangeError(`drift change: a path ends with a field, not a list (${path})`)
  return { parents: nodes.filter((n): n is Record<string, unknown> => n !== null && typeof n === 'object' && !Array.isArray(n)), key: last }
}

export function applyDriftChanges(body: unknown, changes: readonly DriftChange[]): unknown {
  for (const change of changes) {
    const { parents, key } = parentsOf(body, change.path)
    for (const parent of parents) {
      if (change.op === 'remove') delete parent[key]
      else if (change.op === 'add' || key in parent) parent[key] = change.value
    }
  }
  return body
}

/** Lets the route answer, then sends its JSON with `changes` applied (errors and non-JSON answers pass as they are). */
export function driftAnswer(res: ServerResponse, changes: readonly DriftChange[]): 'continue' {
  const writeHead = res.writeHead.bind(res) as (status: number, headers?: Record<string, unknown>) => ServerResponse
  const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse
  let head: { status: number; headers: Record<string, unknown> } | undefined
  res.writeHead = ((status: number, headers?: Record<string, unknown>) => {
    head = { status, headers: headers ?? {} }
    return res
  }) as typeof res.writeHead
  res.end = ((chunk?: unknown) => {
    let text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined
    if (head && head.status >= 200 && head.status < 300 && text !== undefined) {
      try {
        text = JSON.stringify(applyDriftChanges(JSON.parse(text), changes))
      } catch {
        // Not JSON: sent as the route wrote it.
      }
    }
    if (head) writeHead(head.status, { ...head.headers, ...(text === undefined ? {} : { 'content-length': Buffer.byteLength(text) }) })
    return end(text ?? chunk)
  }) as typeof res.end
  return 'continue'
}

/**
 * A service drifted in every way the report names: on `/me` a field added, one removed and one retyped (text to
 * number, which the app still reads); on `/connections-status` an enum value the docs do not list; on a
 * connection's proxies the port retyped to text (which the app cannot read). Tests and `npm run simulator -- --drift`.
 */
export const DRIFT_FAULT_RULES = [
  { path: '/me', method: 'GET', fault: { kind: 'drift', changes: [
    { op: 'add', path: 'loyalty_tier', value: 'gold' },
    { op: 'remove', path: 'email' },
    { op: 'retype', path: 'balance', value: 15.89 },
  ] } },
  { path: '/connections-status', method: 'GET', fault: { kind: 'drift', changes: [{ op: 'retype', path: 'connections[].online_status', value: 'sleeping' }] } },
  { path: '/connections/*/proxy-access', method: 'GET', fault: { kind: 'drift', changes: [{ op: 'retype', path: 'proxy_accesses[].port', value: '8080' }] } },
] as const satisfies readonly { path: string; method: string; fault: { kind: 'drift'; changes: readonly DriftChange[] } }[]

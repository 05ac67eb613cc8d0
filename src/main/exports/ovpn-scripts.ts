/**
 * Lines of an .ovpn file that make the OpenVPN client run a program, load code into itself, or allow scripts, when
 * the file is opened: the app warns before saving such a file and shows these lines (issue 17). The list follows
 * OpenVPN 2.6's manual ("Script hooks" and the options that name a program or a library to load).
 */
import { createHash } from 'node:crypto'
import type { OvpnScriptLine, OvpnWithScripts } from '../../shared/exports'

/** Options whose argument is a program OpenVPN runs, or a library it loads, or that let it run scripts at all. */
const RUNS_PROGRAMS: ReadonlySet<string> = new Set([
  // Script hooks.
  'up',
  'down',
  'route-up',
  'route-pre-down',
  'ipchange',
  'client-connect',
  'client-disconnect',
  'client-crresponse',
  'learn-address',
  'auth-user-pass-verify',
  'tls-verify',
  'tls-crypt-v2-verify',
  'dns-updown',
  // A program used instead of the system's `ip`.
  'iproute',
  // Code loaded into OpenVPN itself.
  'plugin',
  'engine',
  'providers',
  'pkcs11-providers',
  // The switch that lets the hooks above run user scripts.
  'script-security',
])

/** `setenv` only passes values to scripts; it is flagged when a value names a path (a script or a library). */
const SETS_ENVIRONMENT: ReadonlySet<string> = new Set(['setenv', 'setenv-safe'])
const PATH_LIKE_RE = /[/\\]/

/** Inline blocks hold certificates and keys, not options; `<connection>` blocks do hold options. */
const BLOCK_OPEN_RE = /^\s*<([A-Za-z0-9-]+)>\s*$/
const OPTIONS_BLOCK = 'connection'

/** At most this many lines per file are reported, each cut to this many characters. */
const MAX_LINES = 50
const MAX_LINE_CHARS = 300

/** Control and bidirectional-override characters would let a line look like something else on screen. */
// eslint-disable-next-line no-control-regex
const INVISIBLE_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g

function shown(text: string): string {
  const visible = text.replace(INVISIBLE_RE, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`).trim()
  return visible.length > MAX_LINE_CHARS ? `${visible.slice(0, MAX_LINE_CHARS)}…` : visible
}

/** The lines of `config` that run a program when the file is opened, numbered from 1; empty for a clean file. */
export function findScriptLines(config: Uint8Array | string): OvpnScriptLine[] {
  const text = typeof config === 'string' ? config : Buffer.from(config).toString('utf8')
  const found: OvpnScriptLine[] = []
  let block: string | undefined
  const lines = text.split(/\r\n|\r|\n/)
  for (const [index, raw] of lines.entries()) {
    if (block !== undefined) {
      if (raw.trim().toLowerCase() === `</${block}>`) block = undefined
      else if (block !== OPTIONS_BLOCK) continue
    }
    const opening = BLOCK_OPEN_RE.exec(raw)
    if (opening) {
      block = opening[1]?.toLowerCase()
      continue
    }
    const words = raw.trim().split(/\s+/)
    const option = (words[0] ?? '').replace(/^--/, '').toLowerCase()
    if (option === '' || option.startsWith('#') || option.startsWith(';')) continue
    const flagged = RUNS_PROGRAMS.has(option) || (SETS_ENVIRONMENT.has(option) && words.slice(1).some((w) => PATH_LIKE_RE.test(w)))
    if (!flagged) continue
    found.push({ line: index + 1, text: shown(raw) })
    if (found.length >= MAX_LINES) break
  }
  return found
}

const sha1 = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex')

/**
 * The configs among `configs` that run programs and whose SHA-1 the user has not allowed yet (after seeing their
 * lines): those are not saved until the user says so. A changed file has another SHA-1, so it is asked about again.
 */
export function scriptsToConfirm(configs: ReadonlyArray<{ name: string; bytes: Uint8Array }>, allowed: readonly string[] = []): OvpnWithScripts[] {
  const allow = new Set(allowed.map((s) => s.toLowerCase()))
  const out: OvpnWithScripts[] = []
  for (const { name, bytes } of configs) {
    const lines = findScriptLines(bytes)
    if (lines.length === 0) continue
    const sum = sha1(bytes)
    if (!allow.has(sum)) out.push({ name, sha1: sum, lines })
  }
  return out
}

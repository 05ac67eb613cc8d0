/**
 * Proxy lists and OpenVPN files: the shapes main and renderer share (what to export, what came of it). The calls
 * of the `exports` domain are in contract/exports.ts; the line formats themselves are in proxy-list/format.ts.
 */
import { z } from 'zod'
import { idSchema as id } from './contract/kit'
import { rfc3339 } from './iproxy/common'
import { ADDRESS_CHOICES, PROXY_FORMATS } from './proxy-list/format'
import { DEFAULT_TEMPLATE, parseTemplate } from './proxy-list/template'
import type { AddressChoice, FormatNote, ProxyFormat, SkippedProxy } from './proxy-list/format'

/** What to export and how. `proxyIds` absent = every proxy access of the active account. */
export const proxyExportInputSchema = z
  .strictObject({
    proxyIds: z.array(id).max(200_000).optional(),
    format: z.enum(PROXY_FORMATS),
    address: z.enum(ADDRESS_CHOICES),
    template: z.string().max(2000).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.format !== 'template') return
    const parsed = parseTemplate(input.template ?? '')
    if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['template'], message: parsed.message, params: { id: `template_${parsed.code}`, name: parsed.placeholder } })
  })
export type ProxyExportInput = z.input<typeof proxyExportInputSchema>

export const ovpnRefSchema = z.strictObject({ connId: id, ovpnId: id })
export type OvpnRef = z.input<typeof ovpnRefSchema>

/**
 * The SHA-1s (hex) of configs that run programs, which the user has seen and chose to save anyway (see
 * `OvpnNeedsConfirmation`).
 */
const allowScriptsSchema = z.array(z.string().length(40).regex(/^[0-9a-f]{40}$/i, 'a SHA-1 in hex')).max(10_000).optional()

export const ovpnSaveInputSchema = z.strictObject({ ...ovpnRefSchema.shape, allowScripts: allowScriptsSchema })
export type OvpnSaveInput = z.input<typeof ovpnSaveInputSchema>

export const ovpnManyInputSchema = z.strictObject({
  /** Absent = every OpenVPN access of the account. */
  items: z.array(ovpnRefSchema).min(1, 'choose at least one VPN access').max(10_000).optional(),
  into: z.enum(['folder', 'zip']),
  allowScripts: allowScriptsSchema,
})
export type OvpnManyInput = z.input<typeof ovpnManyInputSchema>

/** The longest wait before a copied list with passwords is cleared from the clipboard: one hour. */
export const MAX_CLEAR_CLIPBOARD_SECONDS = 3600

export const exportPreferencesSchema = z.strictObject({
  format: z.enum(PROXY_FORMATS),
  address: z.enum(ADDRESS_CHOICES),
  template: z.string().max(2000),
  clearClipboardSeconds: z.number().int().min(0).max(MAX_CLEAR_CLIPBOARD_SECONDS),
})

export interface ExportPreferences {
  format: ProxyFormat
  address: AddressChoice
  template: string
  /** Seconds after which a copied list with passwords is cleared from the clipboard (if still there); 0 = never. */
  clearClipboardSeconds: number
}

/** Before anything was chosen (and for a value missing or damaged in the stored file). */
export const DEFAULT_EXPORT_PREFERENCES: ExportPreferences = { format: 'url', address: 'hostname', template: DEFAULT_TEMPLATE, clearClipboardSeconds: 60 }

export interface ProxyExportSummary {
  /** Proxies written. */
  count: number
  /** Proxies asked for (after dropping ids that no longer exist). */
  total: number
  /** Proxies the format cannot carry, each with its reason. */
  skipped: SkippedProxy[]
  notes: FormatNote[]
  /** Requested ids that are not in the account (deleted meanwhile). */
  missing: string[]
}

export interface ProxyExportPreview extends ProxyExportSummary {
  /** The first lines of the output (at most `PREVIEW_LINES`). */
  text: string
  truncated: boolean
}

export const PREVIEW_LINES = 20

export type Cancelled = { cancelled: true }

export type SavedProxies = ProxyExportSummary & { path: string }

export type CopiedProxies = ProxyExportSummary & {
  /** The copy has passwords and will be cleared from the clipboard after this many seconds; absent = it stays. */
  clearsInSeconds?: number
}

export interface SavedOvpn {
  path: string
  name: string
}

/** A line of an .ovpn file that makes OpenVPN run a program (or load code, or allow scripts) when it is opened. */
export interface OvpnScriptLine {
  /** From 1. */
  line: number
  /** The line as written (control and bidi characters shown as \uXXXX, long lines cut). */
  text: string
}

export interface OvpnWithScripts {
  /** `<connection> - <vpn>`. */
  name: string
  /** Of the file's bytes: what `allowScripts` names to save it anyway. */
  sha1: string
  lines: OvpnScriptLine[]
}

/**
 * Nothing was saved, no dialog opened: these configs run programs when opened. Show the lines; to save anyway,
 * call again with their `sha1` in `allowScripts`.
 */
export interface OvpnNeedsConfirmation {
  scripts: OvpnWithScripts[]
}

export interface OvpnManyResult {
  into: 'folder' | 'zip'
  /** The folder, or the .zip file. */
  path: string
  /**
   * Files written (for a zip: its entries, `path` being the zip). `insteadOf`: the name the file would have had,
   * taken by a file already in the folder, which was kept as it was.
   */
  written: Array<{ name: string; path: string; insteadOf?: string }>
  /**
   * Accesses that could not be exported, by `<connection> - <vpn>` name, with the reason in English and, when the
   * error had one, its code (the page words it in its language by that code; the English reason shows on hover).
   */
  failed: Array<{ name: string; reason: string; code?: string }>
  /** Files written that run programs when opened (in the app: those the user chose to save anyway). */
  withScripts: OvpnWithScripts[]
}

/** The account's connections as CSV (shared/csv-tables.ts); `connectionIds` absent = every connection. */
export const connectionsCsvInputSchema = z.strictObject({
  connectionIds: z.array(id).min(1, 'choose at least one connection').max(10_000).optional(),
})
export type ConnectionsCsvInput = z.input<typeof connectionsCsvInputSchema>

/** A connection's IP history over a window (RFC 3339 bounds, as the statistics take them) as CSV. */
export const ipHistoryCsvInputSchema = z.strictObject({ connId: id, from: rfc3339, to: rfc3339 })
export type IpHistoryCsvInput = z.input<typeof ipHistoryCsvInputSchema>

/** A table saved as CSV: where, and how many rows (the header not counted). */
export interface SavedTable {
  path: string
  rows: number
}

/**
 * The `exports` domain of the IPC contract: proxy lists (clipboard, file, preview) and OpenVPN files (one, a
 * folder, a zip). Handled in main/exports/calls.ts; the shapes are in shared/exports.ts.
 */
import { z } from 'zod'
import {
  exportPreferencesSchema,
  ovpnManyInputSchema,
  ovpnRefSchema,
  proxyExportInputSchema,
  type Cancelled,
  type ExportPreferences,
  type OvpnManyResult,
  type ProxyExportPreview,
  type ProxyExportSummary,
  type SavedOvpn,
  type SavedProxies,
} from '../exports'
import { call } from './kit'

export const exportsContract = {
  calls: {
    /** Formats the proxies and writes them to the clipboard (in main). Remembers format and address. */
    copyProxies: call<ProxyExportSummary>()(proxyExportInputSchema),
    /** "Save as…" then an atomic write. Remembers format and address. */
    saveProxies: call<SavedProxies | Cancelled>()(proxyExportInputSchema),
    /** What the export would write (first lines, skipped and notes), for the dialog. */
    preview: call<ProxyExportPreview>()(proxyExportInputSchema),
    /** One .ovpn file: "Save as…" named `<connection name> - <vpn name>.ovpn`; checked against its SHA-1. */
    saveOvpn: call<SavedOvpn | Cancelled>()(ovpnRefSchema),
    /** Many .ovpn files into a chosen folder or one .zip. */
    saveOvpnMany: call<OvpnManyResult | Cancelled>()(ovpnManyInputSchema),
    getPreferences: call<ExportPreferences>()(z.undefined()),
    setPreferences: call<ExportPreferences>()(exportPreferencesSchema.partial().strict()),
  },
} as const

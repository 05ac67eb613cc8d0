/**
 * The `exports` domain of the IPC contract: proxy lists (clipboard, file, preview) and OpenVPN files (one, a
 * folder, a zip). Handled in main/exports/calls.ts; the shapes are in shared/exports.ts.
 */
import { z } from 'zod'
import {
  connectionsCsvInputSchema,
  exportPreferencesSchema,
  ipHistoryCsvInputSchema,
  ovpnManyInputSchema,
  ovpnSaveInputSchema,
  proxyExportInputSchema,
  type Cancelled,
  type CopiedProxies,
  type ExportPreferences,
  type OvpnManyResult,
  type OvpnNeedsConfirmation,
  type ProxyExportPreview,
  type SavedOvpn,
  type SavedProxies,
  type SavedTable,
} from '../exports'
import { call } from './kit'

export const exportsContract = {
  calls: {
    /**
     * Formats the proxies and writes them to the clipboard (in main). Remembers format and address. A copy with
     * passwords is cleared after the `clearClipboardSeconds` preference, if the clipboard still holds it.
     */
    copyProxies: call<CopiedProxies>()(proxyExportInputSchema),
    /** "Save as…" then an atomic write. Remembers format and address. */
    saveProxies: call<SavedProxies | Cancelled>()(proxyExportInputSchema),
    /** What the export would write (first lines, skipped and notes), for the dialog. */
    preview: call<ProxyExportPreview>()(proxyExportInputSchema),
    /**
     * One .ovpn file: downloaded and checked against its SHA-1, then "Save as…" named `<connection name> - <vpn
     * name>.ovpn`. A file that runs programs when opened is not saved and no dialog opens: the answer lists its
     * lines, and the call is made again with its SHA-1 in `allowScripts` when the user saves it anyway.
     */
    saveOvpn: call<SavedOvpn | Cancelled | OvpnNeedsConfirmation>()(ovpnSaveInputSchema),
    /** Many .ovpn files into a chosen folder or one .zip; files that run programs are confirmed as for `saveOvpn`. */
    saveOvpnMany: call<OvpnManyResult | Cancelled | OvpnNeedsConfirmation>()(ovpnManyInputSchema),
    /** The account's connections (with their state) as a CSV file: "Save as…" then an atomic write. */
    saveConnectionsCsv: call<SavedTable | Cancelled>()(connectionsCsvInputSchema),
    /** A connection's IP history over the window as a CSV file, fetched by main from the API. */
    saveIpHistoryCsv: call<SavedTable | Cancelled>()(ipHistoryCsvInputSchema),
    getPreferences: call<ExportPreferences>()(z.undefined()),
    setPreferences: call<ExportPreferences>()(exportPreferencesSchema.partial().strict()),
  },
} as const

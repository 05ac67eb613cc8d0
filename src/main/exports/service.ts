/**
 * The exports service: proxy lists to the clipboard or a file, OpenVPN configs to files, a folder or a zip.
 * Talks to the active account through `client()`, to the desktop (dialogs, clipboard) through `desktop`. Copies
 * with passwords leave the clipboard after a while (clipboard-guard.ts).
 */
import type {
  Cancelled,
  CopiedProxies,
  ExportPreferences,
  OvpnManyInput,
  OvpnManyResult,
  OvpnNeedsConfirmation,
  OvpnRef,
  OvpnSaveInput,
  ProxyExportInput,
  ProxyExportPreview,
  ProxyExportSummary,
  SavedOvpn,
  SavedProxies,
} from '../../shared/exports'
import type { UiLanguage } from '../../shared/bridge'
import { PREVIEW_LINES } from '../../shared/exports'
import type { OvpnAccess, ProxyAccess } from '../../shared/iproxy'
import { formatProxies, formatWritesPasswords, type FormattedProxies, type ProxyFormat } from '../../shared/proxy-list/format'
import { ProxyTemplateError } from '../../shared/proxy-list/template'
import { AppError } from '../app-error'
import type { DesktopIntegration } from '../desktop'
import type { IproxyClient } from '../iproxy'
import { safeFileName } from './file-names'
import { ovpnStem } from './file-names'
import { loadOvpnConfigs, verifyOvpnConfig, writeOvpnFolder, writeOvpnZip, type LoadedOvpn, type OvpnJob } from './ovpn-files'
import { scriptsToConfirm } from './ovpn-scripts'
import { writeChosenFile } from './new-file'
import { DIALOG_TEXT, type DialogText } from './dialog-text'
import { createPreferencesStore } from './preferences'
import { createClipboardGuard } from './clipboard-guard'
import { createTableExports } from './table-files'

export type ExportsClient = Pick<IproxyClient, 'proxies' | 'connections' | 'vpn' | 'stats'>

export interface ExportsServiceOptions {
  client: () => ExportsClient
  desktop: DesktopIntegration
  userDataDir: string
  /** The interface's language, for the dialogs' titles (English when not given). */
  language?: () => UiLanguage
}

const FILE_TYPES: Record<ProxyFormat, { extension: string; filter: keyof DialogText['filters'] }> = {
  'host:port:login:password': { extension: 'txt', filter: 'text' },
  'login:password@host:port': { extension: 'txt', filter: 'text' },
  url: { extension: 'txt', filter: 'text' },
  'host:port': { extension: 'txt', filter: 'text' },
  template: { extension: 'txt', filter: 'text' },
  csv: { extension: 'csv', filter: 'csv' },
  json: { extension: 'json', filter: 'json' },
}

const NEEDS_CONNECTION_NAMES: ReadonlySet<ProxyFormat> = new Set(['csv', 'json', 'template'])

export function createExportsService(options: ExportsServiceOptions) {
  const { client, desktop } = options
  const text = (): DialogText => DIALOG_TEXT[options.language?.() ?? 'en']
  const preferences = createPreferencesStore(options.userDataDir)
  const clipboard = createClipboardGuard(desktop)
  const tables = createTableExports(client, desktop, text)

  async function connectionNames(): Promise<Record<string, string>> {
    const names: Record<string, string> = {}
    for (const c of await client().connections.list()) names[c.id] = c.basic_info.name
    return names
  }

  async function format(input: ProxyExportInput): Promise<{ out: FormattedProxies; summary: ProxyExportSummary; hasPasswords: boolean }> {
    const all = await client().proxies.list()
    let chosen: ProxyAccess[] = all
    let missing: string[] = []
    if (input.proxyIds) {
      const wanted = new Set(input.proxyIds)
      chosen = all.filter((p) => wanted.has(p.id))
      const found = new Set(chosen.map((p) => p.id))
      missing = [...wanted].filter((id) => !found.has(id))
    }
    if (chosen.length === 0) {
      throw new AppError(
        'nothing_to_export',
        input.proxyIds && input.proxyIds.length > 0 ? 'The chosen proxies no longer exist. Refresh the list and choose again.' : 'This account has no proxies to export yet.',
        { missing },
      )
    }
    const names = NEEDS_CONNECTION_NAMES.has(input.format) ? await connectionNames() : undefined
    let out: FormattedProxies
    try {
      out = formatProxies(chosen, { format: input.format, address: input.address, ...(names ? { connectionNames: names } : {}), ...(input.template !== undefined ? { template: input.template } : {}) })
    } catch (err) {
      if (err instanceof ProxyTemplateError) throw new AppError('invalid_template', err.message, { issues: [{ field: 'template', message: err.message }] })
      throw err
    }
    const hasPasswords = formatWritesPasswords(input.format, input.template) && chosen.some((p) => p.auth_type !== 'noauth' && (p.auth?.password ?? '') !== '')
    return { out, summary: { count: out.count, total: chosen.length, skipped: out.skipped, notes: out.notes, missing }, hasPasswords }
  }

  function requireLines(out: FormattedProxies, summary: ProxyExportSummary): void {
    if (out.text !== '') return
    const first = out.skipped[0]
    throw new AppError(
      'nothing_to_export',
      `None of the ${summary.total} proxies can be written in this format${first ? `: ${first.message}` : '.'}`,
      { skipped: out.skipped },
    )
  }

  /** The text copy and save write (the command line prints it too); throws when no line can be written. */
  async function render(input: ProxyExportInput): Promise<{ text: string; summary: ProxyExportSummary; hasPasswords: boolean }> {
    const { out, summary, hasPasswords } = await format(input)
    requireLines(out, summary)
    return { text: out.text, summary, hasPasswords }
  }

  async function remember(input: ProxyExportInput): Promise<void> {
    await preferences.update({ format: input.format, address: input.address, ...(input.format === 'template' && input.template !== undefined ? { template: input.template } : {}) })
  }

  async function findVpn(ref: OvpnRef): Promise<{ access: OvpnAccess; name: string }> {
    const [accesses, connection] = await Promise.all([client().vpn.listByConnection(ref.connId), client().connections.get(ref.connId)])
    const access = accesses.find((a) => a.id === ref.ovpnId)
    if (!access) throw new AppError('not_found', 'That VPN access no longer exists. Refresh the list.')
    return { access, name: ovpnStem(connection.basic_info.name, access.name) }
  }

  return {
    preferences,

    render,

    async copyProxies(input: ProxyExportInput): Promise<CopiedProxies> {
      const { text, summary, hasPasswords } = await render(input)
      const seconds = hasPasswords ? (await preferences.get()).clearClipboardSeconds : 0
      await clipboard.write(text, seconds)
      await remember(input)
      return seconds > 0 ? { ...summary, clearsInSeconds: seconds } : summary
    },

    async saveProxies(input: ProxyExportInput): Promise<SavedProxies | Cancelled> {
      const { text: listText, summary } = await render(input)
      const type = FILE_TYPES[input.format]
      const words = text()
      const chosen = await desktop.chooseSaveFile({
        title: words.saveProxies,
        defaultName: `proxies.${type.extension}`,
        filters: [{ name: words.filters[type.filter], extensions: [type.extension] }],
      })
      if (!chosen) return { cancelled: true }
      const path = await writeChosenFile(chosen, type.extension, listText)
      await remember(input)
      return { ...summary, path }
    },

    async preview(input: ProxyExportInput): Promise<ProxyExportPreview> {
      const { out, summary } = await format(input)
      const lines = out.text.split('\n')
      if (lines[lines.length - 1] === '') lines.pop()
      const truncated = lines.length > PREVIEW_LINES
      return { ...summary, text: lines.slice(0, PREVIEW_LINES).join('\n'), truncated }
    },

    async saveOvpn(input: OvpnSaveInput): Promise<SavedOvpn | Cancelled | OvpnNeedsConfirmation> {
      const { name } = await findVpn(input)
      // Downloaded and checked before the dialog, so a file that runs programs is confirmed before anything else.
      const bytes = verifyOvpnConfig(await client().vpn.getConfig(input.connId, input.ovpnId), name)
      const scripts = scriptsToConfirm([{ name, bytes }], input.allowScripts)
      if (scripts.length > 0) return { scripts }
      const words = text()
      const chosen = await desktop.chooseSaveFile({
        title: words.saveOvpn,
        defaultName: safeFileName(name, '.ovpn', '', 'vpn'),
        filters: [{ name: words.filters.ovpn, extensions: ['ovpn'] }],
      })
      if (!chosen) return { cancelled: true }
      const path = await writeChosenFile(chosen, 'ovpn', bytes)
      return { path, name }
    },

    async saveOvpnMany(input: OvpnManyInput): Promise<OvpnManyResult | Cancelled | OvpnNeedsConfirmation> {
      const { jobs, failed } = await ovpnJobs(input)
      const configs = await loadOvpnConfigs(jobs)
      const scripts = scriptsToConfirm(
        configs.filter((c) => 'bytes' in c),
        input.allowScripts,
      )
      if (scripts.length > 0) return { scripts }
      const words = text()
      const target =
        input.into === 'folder'
          ? await desktop.chooseFolder({ title: words.ovpnFolder })
          : await desktop.chooseSaveFile({
              title: words.ovpnZip,
              defaultName: 'openvpn-configs.zip',
              filters: [{ name: words.filters.zip, extensions: ['zip'] }],
            })
      if (!target) return { cancelled: true }
      return writeConfigs(input.into, target, configs, failed)
    },

    writeOvpnMany,

    saveConnectionsCsv: tables.saveConnectionsCsv,
    saveIpHistoryCsv: tables.saveIpHistoryCsv,

    /** On quit: a copy with passwords still on the clipboard is cleared. */
    dispose: (): Promise<void> => clipboard.dispose(),

    getPreferences: (): Promise<ExportPreferences> => preferences.get(),
    setPreferences: (change: Partial<ExportPreferences>): Promise<ExportPreferences> => preferences.update(change),
  }

  /**
   * Many .ovpn files into `target` (a folder, or the .zip's path), with no dialog and no confirmation: the command
   * line (its result lists the files that run programs).
   */
  async function writeOvpnMany(input: OvpnManyInput, target: string): Promise<OvpnManyResult> {
    const { jobs, failed } = await ovpnJobs(input)
    return writeConfigs(input.into, target, await loadOvpnConfigs(jobs), failed)
  }

  /** One download job per VPN access asked for (each once); accesses that no longer exist are failed by id. */
  async function ovpnJobs(input: OvpnManyInput): Promise<{ jobs: OvpnJob[]; failed: OvpnManyResult['failed'] }> {
    const [accesses, names] = await Promise.all([client().vpn.list(), connectionNames()])
    const byKey = new Map(accesses.map((a) => [`${a.connection_id}\u0000${a.id}`, a]))
    const jobs: OvpnJob[] = []
    const failed: OvpnManyResult['failed'] = []
    const refs = input.items ?? accesses.map((a) => ({ connId: a.connection_id, ovpnId: a.id }))
    const seen = new Set<string>()
    for (const ref of refs) {
      const key = `${ref.connId}\u0000${ref.ovpnId}`
      if (seen.has(key)) continue
      seen.add(key)
      const access = byKey.get(key)
      if (!access) {
        failed.push({ name: ref.ovpnId, reason: 'This VPN access no longer exists.', code: 'not_found' })
        continue
      }
      jobs.push({ name: ovpnStem(names[access.connection_id], access.name), load: () => client().vpn.getConfig(ref.connId, ref.ovpnId) })
    }
    if (jobs.length === 0 && failed.length === 0) throw new AppError('nothing_to_export', 'This account has no VPN accesses to export yet.')
    return { jobs, failed }
  }

  async function writeConfigs(into: OvpnManyResult['into'], target: string, configs: readonly LoadedOvpn[], failed: OvpnManyResult['failed']): Promise<OvpnManyResult> {
    const result = into === 'folder' ? { ...(await writeOvpnFolder(target, configs)), path: target } : await writeOvpnZip(target, configs)
    return { into, path: result.path, written: result.written, failed: [...failed, ...result.failed], withScripts: result.withScripts }
  }
}

export type ExportsService = ReturnType<typeof createExportsService>

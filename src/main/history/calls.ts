/**
 * The `history` domain's calls (shared/contract/history.ts) onto the app's HistoryStore. Inputs were parsed by
 * the handler table with the contract's bounded schemas; times are the page's clock, ranges its choice.
 */
import type { UiLanguage } from '../../shared/bridge'
import { auditCsv } from '../../shared/csv-tables'
import { AppError } from '../app-error'
import type { DesktopIntegration } from '../desktop'
import { DIALOG_TEXT } from '../exports/dialog-text'
import { safeFileName } from '../exports/file-names'
import { writeChosenFile } from '../exports/new-file'
import type { Implementations } from '../handler-table'
import type { HistoryStore } from './store'

type HistoryCallName = Extract<keyof Implementations, `history.${string}`>

/** The save dialog of the audit trail's CSV: its title and the file's default name, in the interface's language. */
const AUDIT_CSV_WORDS: Record<UiLanguage, { title: string; stem: string }> = {
  en: { title: 'Save bulk runs and rule runs as CSV', stem: 'bulk and rule runs' },
  ru: { title: 'Сохранить массовые действия и запуски правил в CSV', stem: 'массовые действия и запуски правил' },
}

/** Runs in the CSV unless the query says otherwise: every run the audit returns at most. */
const AUDIT_CSV_LIMIT = 1000

export interface HistoryCallsSave {
  desktop: DesktopIntegration
  language: () => UiLanguage
}

/**
 * `writePending` stores check results still gathered for their batch (check-history.ts), so reads include them.
 * `save`: the native save dialog for the audit trail's CSV.
 */
export function historyCalls(store: HistoryStore, writePending: () => void, save: HistoryCallsSave): Pick<Implementations, HistoryCallName> {
  const read = <T>(fn: () => T): T => {
    writePending()
    return fn()
  }
  return {
    'history.board': ({ reuseWindowMs }) => read(() => store.board(Date.now(), reuseWindowMs)),
    'history.timeline': (query) => read(() => store.events(query)),
    'history.latency': ({ connectionId, from, to, maxPoints }) => read(() => store.latencySeries(connectionId, { from, to }, maxPoints)),
    'history.exitIps': ({ connectionId }) => read(() => store.exitIps(connectionId)),
    'history.ipReuse': ({ windowMs }) => read(() => store.ipReuse(windowMs)),
    'history.retention': () => ({ days: store.retentionDays() }),
    'history.setRetention': ({ days }) => {
      const set = store.setRetentionDays(days)
      // A shorter retention takes effect now, in the background, not at the next scheduled pass.
      void store.pruneExpired().catch(() => undefined)
      return { days: set }
    },
    'history.takeNotice': () => store.takeNotice() ?? null,
    'history.audit': (query) => store.audit(query),
    'history.saveAuditCsv': async (query) => {
      const { entries } = store.audit({ ...query, limit: query.limit ?? AUDIT_CSV_LIMIT })
      if (entries.length === 0) throw new AppError('nothing_to_export', 'There are no bulk runs or rule runs to export in this period.')
      const language = save.language()
      const words = AUDIT_CSV_WORDS[language]
      const chosen = await save.desktop.chooseSaveFile({
        title: words.title,
        defaultName: safeFileName(words.stem, '.csv', '', 'runs'),
        filters: [{ name: DIALOG_TEXT[language].filters.csv, extensions: ['csv'] }],
      })
      if (!chosen) return { cancelled: true }
      const rows = entries.reduce((n, e) => n + Math.max(1, e.steps.length), 0)
      return { path: await writeChosenFile(chosen, 'csv', auditCsv(entries)), rows }
    },
  }
}

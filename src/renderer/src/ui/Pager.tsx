import { useTranslation } from 'react-i18next'

/** One page of a list: long lists (IP history, SMS) stay a screen tall instead of growing the page by thousands of px. */
export function pageOf<T>(items: readonly T[], page: number, size: number): T[] {
  return items.slice(page * size, (page + 1) * size)
}

/** Previous / next and "21–40 of 312"; nothing when everything fits on one page. */
export function Pager({ page, size, total, onPage, label }: { page: number; size: number; total: number; onPage(page: number): void; label: string }) {
  const { t } = useTranslation()
  if (total <= size) return null
  const last = Math.ceil(total / size) - 1
  return (
    <nav className="toolbar pager" aria-label={label}>
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 0}>
        {t('stats.pager.previous')}
      </button>
      <span role="status">{t('stats.pager.range', { from: page * size + 1, to: Math.min(total, (page + 1) * size), total })}</span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= last}>
        {t('stats.pager.next')}
      </button>
    </nav>
  )
}

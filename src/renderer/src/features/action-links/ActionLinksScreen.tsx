import { useTranslation } from 'react-i18next'

/** Placeholder until this screen is built: says so plainly rather than showing invented data. */
export function ActionLinksScreen() {
  const { t } = useTranslation()
  return <p className="empty-state">{t('app.nothingYet', { section: t('sections.actionLinks') })}</p>
}

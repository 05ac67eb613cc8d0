import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { LANGUAGES, setLanguage } from '../../i18n'
import type { LanguageCode } from '../../i18n'
import { SECTIONS, useNavigation } from '../../stores/navigation'
import { ProfileSwitcher } from '../profiles/ProfileSwitcher'
import { ThemePicker } from './ThemePicker'

export function Sidebar() {
  const { t, i18n } = useTranslation()
  const { section, show } = useNavigation(useShallow((s) => ({ section: s.section, show: s.show })))
  return (
    <nav className="sidebar" aria-label={t('sections.label')}>
      <div className="brand">{t('app.name')}</div>
      <ProfileSwitcher />
      <ul>
        {SECTIONS.map((id) => (
          <li key={id}>
            <button type="button" className="nav-item" aria-current={section === id ? 'page' : undefined} onClick={() => show(id)}>
              {t(`sections.${id}`)}
            </button>
          </li>
        ))}
      </ul>
      <section className="sidebar-settings" aria-labelledby="sidebar-settings-title">
        <h2 id="sidebar-settings-title">{t('app.settings')}</h2>
        <label className="language-picker">
          <span>{t('app.language')}</span>
          <select value={i18n.language} onChange={(event) => setLanguage(event.target.value as LanguageCode)}>
            {LANGUAGES.map((language) => (
              <option key={language.code} value={language.code}>
                {language.label}
              </option>
            ))}
          </select>
        </label>
        <ThemePicker />
      </section>
    </nav>
  )
}

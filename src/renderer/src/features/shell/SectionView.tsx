import { useTranslation } from 'react-i18next'
import { useNavigation } from '../../stores/navigation'
import { AccountScreen } from '../account/AccountScreen'
import { ProfilesScreen } from '../profiles/ProfilesScreen'

/**
 * The selected section's screen. Sections whose screens are not built yet say so plainly rather than showing
 * invented data.
 */
export function SectionView() {
  const { t } = useTranslation()
  const section = useNavigation((s) => s.section)
  const label = t(`sections.${section}`)
  return (
    <section className="section-view" aria-label={label}>
      {section === 'account' ? (
        <AccountScreen />
      ) : section === 'profiles' ? (
        <ProfilesScreen />
      ) : (
        <p className="empty-state">{t('app.nothingYet', { section: label })}</p>
      )}
    </section>
  )
}

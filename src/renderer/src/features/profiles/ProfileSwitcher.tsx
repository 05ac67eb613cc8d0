import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { useProfiles } from '../../stores/profiles'

/** The sidebar's profile picker: switching replaces every screen's data with the chosen account's. */
export function ProfileSwitcher() {
  const { t } = useTranslation()
  const { profiles, activate } = useProfiles(useShallow((s) => ({ profiles: s.profiles, activate: s.activate })))
  const active = profiles.find((p) => p.active)
  if (profiles.length === 0) return null
  return (
    <label className="profile-switcher">
      <span>{t('profiles.switcher')}</span>
      <select value={active?.id ?? ''} onChange={(event) => void activate(event.target.value).catch(() => {})}>
        {!active && <option value="">{t('profiles.noneActive')}</option>}
        {profiles.map((p) => (
          <option key={p.id} value={p.id}>
            {p.demo ? `${p.name} (${t('profiles.demo')})` : p.name}
          </option>
        ))}
      </select>
    </label>
  )
}

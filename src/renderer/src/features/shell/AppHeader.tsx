import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { useAppInfo } from '../../stores/app-info'
import { useNavigation } from '../../stores/navigation'
import { selectActiveProfile, useProfiles } from '../../stores/profiles'

/** The section's title, the app's version as main reports it, and a Demo badge when the simulator is in use. */
export function AppHeader() {
  const { t } = useTranslation()
  const { info, error, load } = useAppInfo(useShallow((s) => ({ info: s.info, error: s.error, load: s.load })))
  const section = useNavigation((s) => s.section)
  const activeIsDemo = useProfiles((s) => selectActiveProfile(s)?.demo ?? false)
  useEffect(() => {
    void load()
  }, [load])
  return (
    <header className="app-header">
      <h1>{t(`sections.${section}`)}</h1>
      <div className="app-meta">
        {(info?.demoMode || activeIsDemo) && <span className="badge badge-demo">{t('app.demoBadge')}</span>}
        {info && (
          <span data-testid="app-version" title={`${info.name} on ${info.platform}`}>
            {info.name} {info.version}
          </span>
        )}
        {error && (
          <span role="alert" className="inline-error">
            {error}{' '}
            <button type="button" onClick={() => void load()}>
              {t('app.retry')}
            </button>
          </span>
        )}
      </div>
    </header>
  )
}

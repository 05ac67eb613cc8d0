import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SupportAbout } from '../../../../shared/contract/support'
import { getApi } from '../../bridge'

/**
 * The versions and folders support asks for, shown as they are (main reads them: the page has no access to the
 * OS or Electron's versions). Electron and Chrome are absent where the page runs without Electron (tests).
 */
export function AboutDetails() {
  const { t } = useTranslation()
  const [about, setAbout] = useState<SupportAbout>()
  useEffect(() => {
    let live = true
    void getApi().support.about().then((value) => live && setAbout(value), () => undefined)
    return () => {
      live = false
    }
  }, [])
  if (!about) return null
  const rows: Array<[string, string | null]> = [
    [t('help.version'), about.version],
    [t('help.os'), about.os],
    [t('help.electron'), about.electron],
    [t('help.chrome'), about.chrome],
    [t('help.node'), about.node],
    [t('help.dataFolder'), about.dataFolder],
    [t('help.logFolder'), about.logFolder],
  ]
  return (
    <dl className="help-details" data-testid="help-details">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value ?? t('help.notInThisBuild')}</dd>
        </div>
      ))}
    </dl>
  )
}

import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { UPDATE_CHANNELS, type UpdateSettings as Settings } from '../../../../shared/update'
import { getApi } from '../../bridge'
import { errorMessage } from '../../ui/error-message'

/** Help's update settings: the channel (stable or beta) and "only notify" (download nothing until asked). */
export function UpdateSettings() {
  const { t } = useTranslation()
  const id = useId()
  const [settings, setSettings] = useState<Settings>()
  const [notice, setNotice] = useState<string>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    getApi().support.updateSettings().then(setSettings, (err: unknown) => setError(errorMessage(err)))
  }, [])

  async function save(next: Settings) {
    setSettings(next)
    setNotice(undefined)
    setError(undefined)
    try {
      setSettings(await getApi().support.setUpdateSettings(next))
      setNotice(t('help.update.saved'))
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('help.update.title')}</h2>
      <p>{t('help.update.intro')}</p>
      {settings && (
        <div className="help-update-settings">
          <label htmlFor={`${id}-channel`}>{t('help.update.channel')}</label>
          <select id={`${id}-channel`} value={settings.channel} onChange={(e) => void save({ ...settings, channel: e.target.value as Settings['channel'] })}>
            {UPDATE_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`help.update.channels.${channel}`)}
              </option>
            ))}
          </select>
          <label>
            <input type="checkbox" checked={settings.onlyNotify} onChange={(e) => void save({ ...settings, onlyNotify: e.target.checked })} />{' '}
            {t('help.update.onlyNotify')}
          </label>
        </div>
      )}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="form-error">
          {t('help.failed', { reason: error })}
        </p>
      )}
    </section>
  )
}

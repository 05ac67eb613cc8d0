import { useTranslation } from 'react-i18next'
import { getApi } from '../../bridge'
import { AddProfileForm } from './AddProfileForm'
import { TryDemoButton } from './TryDemoButton'

/** Shown while there is no profile at all: add a key, or try the demo. */
export function FirstRunScreen() {
  const { t } = useTranslation()
  return (
    <div className="first-run">
      <h1>{t('firstRun.title')}</h1>
      <p>{t('firstRun.intro')}</p>
      <AddProfileForm />
      <p>
        {/* eng-disable OPEN_EXTERNAL_JS_CHECK -- a fixed https link, and main allows only iProxy hosts */}
        <button type="button" className="link" onClick={() => void getApi().app.openExternal({ url: 'https://iproxy.online/' })}>
          {t('firstRun.whereIsKey')}
        </button>
      </p>
      <TryDemoButton />
    </div>
  )
}

import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OrphanKey } from '../../../../shared/profiles'
import { getApi } from '../../bridge'
import { errorMessage } from '../../ui/error-message'
import { Outcome } from '../../ui/Outcome'

/**
 * API keys in the keychain that no profile owns (left by a crash or an older version): invisible otherwise, so
 * they are named here with an offer to remove them. Main removes only keys that are still orphans when it runs.
 */
export function OrphanKeysNotice() {
  const { t } = useTranslation()
  const [orphans, setOrphans] = useState<OrphanKey[]>([])
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ message: string; error?: boolean }>()

  // A keychain that cannot be read is explained where a profile is used; here it just means nothing to offer.
  const load = () => getApi().profiles.listOrphanKeys().catch((): OrphanKey[] => [])
  useEffect(() => {
    let live = true
    void load().then((found) => {
      if (live) setOrphans(found)
    })
    return () => {
      live = false
    }
  }, [])

  return (
    <>
      {orphans.length > 0 && (
        <section className="notice orphan-keys" aria-labelledby="orphan-keys-title">
          <h3 id="orphan-keys-title">{t('profiles.orphans.title', { count: orphans.length })}</h3>
          <p>{t('profiles.orphans.body')}</p>
          <ul>
            {orphans.map((orphan) => (
              <li key={orphan.id}>{orphan.keyHint ? t('profiles.keyHint', { hint: orphan.keyHint }) : t('profiles.keyUnknown')}</li>
            ))}
          </ul>
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={async () => {
              setBusy(true)
              setOutcome(undefined)
              try {
                const { removed } = await getApi().profiles.removeOrphanKeys({ ids: orphans.map((o) => o.id) })
                setOutcome({ message: t('profiles.orphans.removed', { count: removed.length }) })
                setOrphans(await load())
              } catch (err) {
                setOutcome({ message: errorMessage(err), error: true })
              } finally {
                setBusy(false)
              }
            }}
          >
            {t('profiles.orphans.remove')}
          </button>
        </section>
      )}
      <Outcome outcome={outcome} />
    </>
  )
}

import { useTranslation } from 'react-i18next'
import { useNavigation } from '../../stores/navigation'

/** A connection named in a fleet-wide list: opens its detail (on the History tab, where the list's facts come from). */
export function ConnectionLink({ id, name }: { id: string; name?: string }) {
  const { t } = useTranslation()
  const openConnection = useNavigation((s) => s.openConnection)
  return (
    <button type="button" className="link" title={t('history.openConnection', { name: name ?? id })} onClick={() => openConnection(id, 'history')}>
      {name ?? id}
    </button>
  )
}

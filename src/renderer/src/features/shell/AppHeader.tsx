import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppInfo } from '../../stores/app-info'
import { SECTIONS, useNavigation } from '../../stores/navigation'

/** The section's title, the app's version as main reports it, and a Demo badge when the simulator is in use. */
export function AppHeader() {
  const { info, error, load } = useAppInfo(useShallow((s) => ({ info: s.info, error: s.error, load: s.load })))
  const section = useNavigation((s) => s.section)
  useEffect(() => {
    void load()
  }, [load])
  const title = SECTIONS.find((s) => s.id === section)?.label ?? ''
  return (
    <header className="app-header">
      <h1>{title}</h1>
      <div className="app-meta">
        {info?.demoMode && <span className="badge badge-demo">Demo</span>}
        {info && (
          <span data-testid="app-version" title={`${info.name} on ${info.platform}`}>
            {info.name} {info.version}
          </span>
        )}
        {error && (
          <span role="alert" className="inline-error">
            {error}{' '}
            <button type="button" onClick={() => void load()}>
              Retry
            </button>
          </span>
        )}
      </div>
    </header>
  )
}

import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { FirstRunScreen } from './features/profiles/FirstRunScreen'
import { AppHeader } from './features/shell/AppHeader'
import { SectionView } from './features/shell/SectionView'
import { Sidebar } from './features/shell/Sidebar'
import { useProfiles } from './stores/profiles'
import { ErrorBoundary } from './ui/ErrorBoundary'

export function App() {
  const { loaded, count, refresh } = useProfiles(useShallow((s) => ({ loaded: s.loaded, count: s.profiles.length, refresh: s.refresh })))
  useEffect(() => {
    void refresh()
  }, [refresh])
  // No profile at all: the first-run screen, so a new user is never left in an empty shell.
  const firstRun = loaded && count === 0
  return (
    <div className="shell">
      <Sidebar />
      <div className="content">
        <AppHeader />
        <main>
          <ErrorBoundary>{firstRun ? <FirstRunScreen /> : <SectionView />}</ErrorBoundary>
        </main>
      </div>
    </div>
  )
}

import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import type { UiLanguage } from '../../shared/bridge'
import { getApi } from './bridge'
import { HistoryNotice } from './features/history/HistoryNotice'
import { UpdateBanner } from './features/help/UpdateBanner'
import { FirstRunScreen } from './features/profiles/FirstRunScreen'
import { AppHeader } from './features/shell/AppHeader'
import { RecoveredNotice } from './features/shell/RecoveredNotice'
import { SectionView } from './features/shell/SectionView'
import { Sidebar } from './features/shell/Sidebar'
import { useProfiles } from './stores/profiles'
import { subscribeToWatch } from './stores/watch'
import { ErrorBoundary } from './ui/ErrorBoundary'
import { useShortcuts } from './ui/use-shortcuts'

export function App() {
  const { loaded, count, refresh } = useProfiles(useShallow((s) => ({ loaded: s.loaded, count: s.profiles.length, refresh: s.refresh })))
  useEffect(() => {
    void refresh()
  }, [refresh])
  // Main shows a few words itself (the native dialogs' titles): it follows the language chosen here.
  const { i18n } = useTranslation()
  useEffect(() => {
    // Best effort: if main does not hear it, its dialogs are titled in English and nothing else changes.
    getApi()
      .app.setLanguage({ language: i18n.language as UiLanguage })
      .catch(() => {})
  }, [i18n.language])
  // The fleet watch's status and alerts reach the page whichever screen is open.
  useEffect(subscribeToWatch, [])
  useShortcuts()
  // No profile at all: the first-run screen, so a new user is never left in an empty shell.
  const firstRun = loaded && count === 0
  return (
    <div className="shell">
      <Sidebar />
      <div className="content">
        <AppHeader />
        <RecoveredNotice />
        <UpdateBanner />
        <HistoryNotice />
        <main>
          <ErrorBoundary>{firstRun ? <FirstRunScreen /> : <SectionView />}</ErrorBoundary>
        </main>
      </div>
    </div>
  )
}

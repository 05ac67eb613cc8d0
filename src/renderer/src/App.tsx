import { AppHeader } from './features/shell/AppHeader'
import { SectionView } from './features/shell/SectionView'
import { Sidebar } from './features/shell/Sidebar'
import { ErrorBoundary } from './ui/ErrorBoundary'

export function App() {
  return (
    <div className="shell">
      <Sidebar />
      <div className="content">
        <AppHeader />
        <main>
          <ErrorBoundary>
            <SectionView />
          </ErrorBoundary>
        </main>
      </div>
    </div>
  )
}

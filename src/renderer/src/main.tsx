import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './i18n'
import { App } from './App'
import { ErrorBoundary } from './ui/ErrorBoundary'
import { applyTheme, savedTheme } from './ui/theme'
import './styles.css'
import './ui/text.css'
import './ui/forms.css'

// Before the first paint, so a dark choice never flashes light.
applyTheme(savedTheme())

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
)

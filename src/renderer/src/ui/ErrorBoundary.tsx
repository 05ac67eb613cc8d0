import { Component } from 'react'
import type { ErrorInfo, ReactNode } from 'react'
import i18next from 'i18next'
import { errorMessage } from './error-message'

interface Props {
  children: ReactNode
}

interface State {
  error?: unknown
}

/** Catches a screen that failed to render, so the rest of the app (and the user's data) stays usable. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = {}

  static getDerivedStateFromError(error: unknown): State {
    return { error }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('render failed', error, info.componentStack)
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children
    return (
      <div role="alert" className="error-panel">
        <h2>{i18next.t('app.renderFailedTitle')}</h2>
        <p>{errorMessage(this.state.error)}</p>
        <button type="button" onClick={() => this.setState({ error: undefined })}>
          {i18next.t('app.tryAgain')}
        </button>
      </div>
    )
  }
}

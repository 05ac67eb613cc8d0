/**
 * Quitting waits for the services to finish (health history written, batches stopped, clients closed) before
 * the process ends, but never longer than a deadline: a service that hangs must not keep the app from quitting.
 *
 * Electron ends the process soon after `will-quit`, without waiting for a promise, so the old
 * `will-quit -> void core.dispose()` lost whatever was still being written. Here the first `before-quit` is
 * prevented, the services are disposed (or the deadline passes), and the app is quit again; that second
 * `before-quit` goes through. Plain Node: index.ts hands in Electron's `app` as two functions.
 */
import type { Logger } from './log'

/** How long quitting waits for the services at most. */
export const QUIT_DEADLINE_MS = 5_000

export interface QuitAfterDisposeOptions {
  /** Registers a `before-quit` listener (app.on('before-quit', ...)). */
  onBeforeQuit: (listener: (event: { preventDefault(): void }) => void) => void
  /** app.quit() */
  quit: () => void
  /** Disposes the services; undefined when there is nothing to dispose (the app never got ready). */
  dispose: () => Promise<void> | undefined
  log: Logger
  deadlineMs?: number
}

export function quitAfterDispose(options: QuitAfterDisposeOptions): void {
  const deadlineMs = options.deadlineMs ?? QUIT_DEADLINE_MS
  let state: 'running' | 'disposing' | 'done' = 'running'
  options.onBeforeQuit((event) => {
    if (state === 'done') return
    event.preventDefault()
    // A second quit (another Cmd+Q, the last window closing) while disposing waits for the same dispose.
    if (state === 'disposing') return
    state = 'disposing'
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), deadlineMs)
    })
    const disposed = Promise.resolve()
      .then(() => options.dispose())
      .then(() => 'disposed' as const)
    void Promise.race([disposed, deadline])
      .then(
        (outcome) => {
          if (outcome === 'late') options.log(`the services did not finish within ${deadlineMs} ms; quitting without them`)
        },
        (err: unknown) => options.log('the services failed while shutting down; quitting anyway', err),
      )
      .finally(() => {
        clearTimeout(timer)
        state = 'done'
        options.quit()
      })
  })
}

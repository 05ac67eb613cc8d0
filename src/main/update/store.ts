/**
 * The update state of this run of the app: the shell's updater writes it (shell-updater.ts, through the model),
 * Help and the banner read it (main/app/support-calls.ts). One per process, like the updater itself. Plain Node:
 * the readers never load electron-updater.
 */
import type { UpdateSettings, UpdateState } from '../../shared/update'
import { INITIAL_UPDATE_STATE, reduceUpdate, type UpdateEvent } from './model'

export interface UpdateActions {
  /** Starts the download ("only notify" left it to the user). */
  download(): Promise<void>
  /** Quits and installs a downloaded update. */
  restart(): void
  /** New settings, from the next check on. */
  configure(settings: UpdateSettings): void
}

export interface UpdateStore {
  state(): UpdateState
  dispatch(event: UpdateEvent): UpdateState
  /** What the shell can do for the user; absent where no updater runs (development builds, tests). */
  actions(): UpdateActions | undefined
  setActions(actions: UpdateActions | undefined): void
}

export function createUpdateStore(): UpdateStore {
  let state: UpdateState = INITIAL_UPDATE_STATE
  let actions: UpdateActions | undefined
  return {
    state: () => state,
    dispatch: (event) => (state = reduceUpdate(state, event)),
    actions: () => actions,
    setActions: (next) => {
      actions = next
    },
  }
}

export const updateStore = createUpdateStore()

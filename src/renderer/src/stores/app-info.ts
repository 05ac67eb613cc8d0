import { create } from 'zustand'
import type { AppInfo } from '../../../shared/bridge'
import { getApi } from '../bridge'
import { errorMessage } from '../ui/error-message'

interface AppInfoState {
  info?: AppInfo
  error?: string
  load(): Promise<void>
}

export const useAppInfo = create<AppInfoState>((set) => ({
  async load() {
    try {
      set({ info: await getApi().app.info(), error: undefined })
    } catch (err) {
      set({ error: errorMessage(err) })
    }
  },
}))

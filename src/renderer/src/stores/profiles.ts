import { create } from 'zustand'
import type { ProfileSummary } from '../../../shared/profiles'
import { getApi } from '../bridge'
import { errorMessage } from '../ui/error-message'

interface ProfilesState {
  profiles: ProfileSummary[]
  loaded: boolean
  /** Why the last refresh failed; the last good list stays on screen. */
  error?: string
  refresh(): Promise<void>
  add(input: { name: string; apiKey: string; baseUrl?: string }): Promise<ProfileSummary>
  activate(id: string): Promise<void>
  rename(id: string, name: string): Promise<void>
  replaceKey(id: string, apiKey: string): Promise<void>
  remove(id: string): Promise<void>
  startDemo(): Promise<void>
}

export const useProfiles = create<ProfilesState>((set, get) => ({
  profiles: [],
  loaded: false,
  async refresh() {
    try {
      set({ profiles: await getApi().profiles.list(), loaded: true, error: undefined })
    } catch (err) {
      set({ loaded: true, error: errorMessage(err) })
    }
  },
  async add(input) {
    const added = await getApi().profiles.add(input)
    await get().refresh()
    return added
  },
  async activate(id) {
    await getApi().profiles.activate({ id })
    await get().refresh()
  },
  async rename(id, name) {
    await getApi().profiles.rename({ id, name })
    await get().refresh()
  },
  async replaceKey(id, apiKey) {
    await getApi().profiles.replaceKey({ id, apiKey })
    await get().refresh()
  },
  async remove(id) {
    await getApi().profiles.remove({ id })
    await get().refresh()
  },
  async startDemo() {
    await getApi().profiles.startDemo()
    await get().refresh()
  },
}))

export const selectActiveProfile = (state: ProfilesState): ProfileSummary | undefined => state.profiles.find((p) => p.active)

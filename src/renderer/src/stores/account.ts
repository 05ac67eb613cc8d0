import { create } from 'zustand'
import type { UpdateUserBasicInfoRequest, UserInfo } from '../../../shared/iproxy'
import { getApi } from '../bridge'
import { errorMessage } from '../ui/error-message'

interface AccountState {
  /** The account as last loaded, per profile id: switching profiles never shows another account's data. */
  byProfile: Record<string, UserInfo>
  loading: boolean
  error?: string
  load(profileId: string): Promise<void>
  update(profileId: string, body: UpdateUserBasicInfoRequest): Promise<void>
  rotateKey(): Promise<string>
}

export const useAccount = create<AccountState>((set, get) => ({
  byProfile: {},
  loading: false,
  async load(profileId) {
    set({ loading: true })
    try {
      const info = await getApi().account.get()
      set({ byProfile: { ...get().byProfile, [profileId]: info }, loading: false, error: undefined })
    } catch (err) {
      set({ loading: false, error: errorMessage(err) })
    }
  },
  async update(profileId, body) {
    const updated = await getApi().account.updateBasicInfo(body)
    const previous = get().byProfile[profileId]
    if (previous) set({ byProfile: { ...get().byProfile, [profileId]: { ...previous, ...updated } } })
  },
  async rotateKey() {
    const { keyHint } = await getApi().account.rotateApiKey()
    return keyHint
  },
}))

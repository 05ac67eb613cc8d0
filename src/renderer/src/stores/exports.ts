/**
 * The exports preferences as the renderer sees them: the last used proxy format, address choice and template
 * (kept by main in the user's data folder), and how soon copied passwords leave the clipboard. Loaded once;
 * updated after each successful copy or save, so the next export, and every "copy proxy line" button, uses them.
 */
import { create } from 'zustand'
import { DEFAULT_EXPORT_PREFERENCES, type ExportPreferences } from '../../../shared/exports'
import { getApi } from '../bridge'

export const FALLBACK_PREFERENCES: ExportPreferences = DEFAULT_EXPORT_PREFERENCES

interface ExportsState {
  preferences: ExportPreferences
  loaded: boolean
  loading?: Promise<void>
  /** Reads the preferences from main once (later calls reuse the first answer). */
  load(): Promise<void>
  /** Records what was just used (main has already stored it). */
  used(change: Partial<ExportPreferences>): void
  /** Stores a change in main (a setting the user changed), then shows what main kept. */
  update(change: Partial<ExportPreferences>): Promise<void>
}

export const useExportsStore = create<ExportsState>((set, get) => ({
  preferences: FALLBACK_PREFERENCES,
  loaded: false,
  load: () => {
    const state = get()
    if (state.loaded) return Promise.resolve()
    if (state.loading) return state.loading
    const loading = getApi()
      .exports.getPreferences()
      .then((preferences) => set({ preferences, loaded: true, loading: undefined }))
      .catch(() => set({ loaded: true, loading: undefined }))
    set({ loading })
    return loading
  },
  used: (change) => set({ preferences: { ...get().preferences, ...change } }),
  update: async (change) => {
    set({ preferences: await getApi().exports.setPreferences(change) })
  },
}))

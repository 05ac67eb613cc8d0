/**
 * View state of a list screen (search, filters, sort, selection), kept per profile: switching profiles shows that
 * profile's own view and never a selection of another account's items. The Connections and Proxies screens each
 * make one with their own filters and columns.
 */
import { create } from 'zustand'

export type SortDirection = 'asc' | 'desc'

/** What every list view has; a screen adds its own filters. */
export interface ListView<Column extends string> {
  search: string
  sort: { column: Column; direction: SortDirection }
  selected: ReadonlySet<string>
}

export interface ListViewState<View extends ListView<Column>, Column extends string> {
  views: Record<string, View>
  patch(profileId: string, change: Partial<View>): void
  /** Sorts by `column`; the same column again flips the direction. */
  sortBy(profileId: string, column: Column): void
  toggle(profileId: string, id: string): void
  /** Selects `ids` when not all of them are selected yet, otherwise unselects them. */
  toggleAll(profileId: string, ids: readonly string[]): void
}

export function createListViewStore<View extends ListView<Column>, Column extends string>(defaults: View) {
  const useView = create<ListViewState<View, Column>>((set, get) => {
    const view = (profileId: string): View => get().views[profileId] ?? defaults
    const put = (profileId: string, next: View) => set({ views: { ...get().views, [profileId]: next } })
    return {
      views: {},
      patch: (profileId, change) => put(profileId, { ...view(profileId), ...change }),
      sortBy: (profileId, column) => {
        const current = view(profileId)
        const direction: SortDirection = current.sort.column === column && current.sort.direction === 'asc' ? 'desc' : 'asc'
        put(profileId, { ...current, sort: { column, direction } })
      },
      toggle: (profileId, id) => {
        const current = view(profileId)
        const selected = new Set(current.selected)
        if (selected.has(id)) selected.delete(id)
        else selected.add(id)
        put(profileId, { ...current, selected })
      },
      toggleAll: (profileId, ids) => {
        const current = view(profileId)
        const allSelected = ids.length > 0 && ids.every((id) => current.selected.has(id))
        const selected = new Set(current.selected)
        for (const id of ids) {
          if (allSelected) selected.delete(id)
          else selected.add(id)
        }
        put(profileId, { ...current, selected })
      },
    }
  })
  /** The view of `profileId` (the defaults before the user changed anything). */
  const select =
    (profileId: string | undefined) =>
    (state: ListViewState<View, Column>): View =>
      (profileId ? state.views[profileId] : undefined) ?? defaults
  return { useView, select }
}

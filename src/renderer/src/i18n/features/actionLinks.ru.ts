import type { Catalogue } from '../en'

export const actionLinksRu: Catalogue['actionLinks'] = {}

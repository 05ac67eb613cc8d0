import type { Catalogue } from '../en'

export const exportsRu: Catalogue['exports'] = {}

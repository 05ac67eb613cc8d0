import type { Catalogue } from '../en'

export const statsRu: Catalogue['stats'] = {}

import type { Catalogue } from '../en'

export const healthRu: Catalogue['health'] = {}

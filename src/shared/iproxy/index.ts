/**
 * The iProxy Console API (`/api/console/v1`) as zod schemas, with the types inferred from them: one file per
 * resource, split like main/iproxy/resources/*, and this index so `shared/iproxy` stays the one import path.
 *
 * One place for every shape, so the main-process client, the renderer's forms and the demo simulator apply
 * exactly the same rules. Pure TypeScript: no node:*, no DOM.
 */
export * from './common'
export * from './me'
export * from './connections'
export * from './proxies'
export * from './vpn'
export * from './stats'
export * from './action-links'

/**
 * The `proxies` domain of the IPC contract: proxy accesses (ports, logins, ACLs) of the account's connections.
 * Handled in main/iproxy/calls.ts, which hands each call to the active profile's API client. Results are
 * ProxyAccessView: the page never receives a proxy's password (copy and export read it in main).
 */
import { z } from 'zod'
import { createProxyAccessRequestSchema, updateProxyAccessRequestSchema } from '../iproxy'
import type { Deleted } from '../iproxy'
import type { ProxyAccessView } from '../iproxy/proxy-access-view'
import { call, idSchema, noInput, onConnection } from './kit'

export const proxiesContract = {
  calls: {
    /** Every proxy access of the account in one request (GET /proxy-access). */
    list: call<ProxyAccessView[]>()(noInput),
    listByConnection: call<ProxyAccessView[]>()(z.strictObject({ connId: idSchema })),
    create: call<ProxyAccessView>()(onConnection(createProxyAccessRequestSchema)),
    update: call<ProxyAccessView>()(z.strictObject({ connId: idSchema, proxyId: idSchema, body: updateProxyAccessRequestSchema })),
    delete: call<Deleted>()(z.strictObject({ connId: idSchema, proxyId: idSchema })),
  },
} as const

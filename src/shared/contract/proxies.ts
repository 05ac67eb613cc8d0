/**
 * The `proxies` domain of the IPC contract: proxy accesses (ports, logins, ACLs) of the account's connections.
 * Handled in main/iproxy/calls.ts, which hands each call to the active profile's API client.
 */
import { z } from 'zod'
import { createProxyAccessRequestSchema, updateProxyAccessRequestSchema } from '../iproxy'
import type { Deleted, ProxyAccess } from '../iproxy'
import { call, idSchema, noInput, onConnection } from './kit'

export const proxiesContract = {
  calls: {
    /** Every proxy access of the account in one request (GET /proxy-access). */
    list: call<ProxyAccess[]>()(noInput),
    listByConnection: call<ProxyAccess[]>()(z.strictObject({ connId: idSchema })),
    create: call<ProxyAccess>()(onConnection(createProxyAccessRequestSchema)),
    update: call<ProxyAccess>()(z.strictObject({ connId: idSchema, proxyId: idSchema, body: updateProxyAccessRequestSchema })),
    delete: call<Deleted>()(z.strictObject({ connId: idSchema, proxyId: idSchema })),
  },
} as const

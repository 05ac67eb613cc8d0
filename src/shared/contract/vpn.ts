/**
 * The `vpn` domain of the IPC contract: OpenVPN accesses of the account's connections (their .ovpn files are
 * saved through the `exports` domain). Handled in main/iproxy/calls.ts, which hands each call to the API client.
 */
import { z } from 'zod'
import { createOvpnAccessRequestSchema, updateOvpnAccessRequestSchema } from '../iproxy'
import type { Deleted, OvpnAccess } from '../iproxy'
import { call, idSchema, noInput, onConnection } from './kit'

export const vpnContract = {
  calls: {
    list: call<OvpnAccess[]>()(noInput),
    listByConnection: call<OvpnAccess[]>()(z.strictObject({ connId: idSchema })),
    create: call<OvpnAccess>()(onConnection(createOvpnAccessRequestSchema)),
    update: call<OvpnAccess>()(z.strictObject({ connId: idSchema, ovpnId: idSchema, body: updateOvpnAccessRequestSchema })),
    delete: call<Deleted>()(z.strictObject({ connId: idSchema, ovpnId: idSchema })),
  },
} as const

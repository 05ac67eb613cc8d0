/**
 * The `actionLinks` domain of the IPC contract: URLs that reboot a phone or change its IP without the API key.
 * Handled in main/iproxy/calls.ts, which hands each call to the active profile's API client.
 */
import { z } from 'zod'
import { actionLinkListQuerySchema, createActionLinkRequestSchema } from '../iproxy'
import type { ActionLink, CommandSent, CreatedActionLink, Deleted } from '../iproxy'
import { call, idSchema, onConnection } from './kit'

export const actionLinksContract = {
  calls: {
    /** The account's links; `{ action }` asks the API for that action's links only (its `?action=` filter). */
    list: call<ActionLink[]>()(actionLinkListQuerySchema.optional()),
    listByConnection: call<ActionLink[]>()(z.strictObject({ connId: idSchema, ...actionLinkListQuerySchema.shape })),
    create: call<CreatedActionLink>()(onConnection(createActionLinkRequestSchema)),
    delete: call<Deleted>()(z.strictObject({ connId: idSchema, linkId: idSchema })),
    /** Runs a link by id: main looks its URL up in the account, so the page can never make main fetch any URL. */
    execute: call<CommandSent>()(z.strictObject({ connId: idSchema, linkId: idSchema })),
  },
} as const

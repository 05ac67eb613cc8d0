/**
 * The `connections` domain of the IPC contract: the account's connections (phones) and what is done to one.
 * Handled in main/iproxy/calls.ts, which hands each call to the active profile's API client.
 */
import { z } from 'zod'
import {
  changePlanRequestSchema,
  commandPushRequestSchema,
  createConnectionRequestSchema,
  deleteConnectionRequestSchema,
  modifyTeamAccessRequestSchema,
  prolongatePlanRequestSchema,
  recreateConnectionRequestSchema,
  removeTeamAccessRequestSchema,
  updateConnectionBasicInfoRequestSchema,
  updateSettingsRequestSchema,
} from '../iproxy'
import type {
  ApiKeyResult,
  CommandSent,
  Connection,
  ConnectionBasicInfoUpdate,
  ConnectionStatus,
  CreatedConnection,
  Deleted,
  PinCode,
  PlanChangeResult,
  RecreatedConnection,
  RemovedTeamAccess,
  SmsMessage,
  TeamAccess,
  UpdatedSettings,
} from '../iproxy'
import { call, idSchema, noInput, onConnection } from './kit'

export const connectionsContract = {
  calls: {
    list: call<Connection[]>()(noInput),
    get: call<Connection>()(z.strictObject({ connId: idSchema })),
    /** Every connection's online status in one request (GET /connections-status). */
    statuses: call<ConnectionStatus[]>()(noInput),
    create: call<CreatedConnection>()(createConnectionRequestSchema),
    updateBasicInfo: call<ConnectionBasicInfoUpdate>()(onConnection(updateConnectionBasicInfoRequestSchema)),
    updateSettings: call<UpdatedSettings>()(onConnection(updateSettingsRequestSchema)),
    modifyTeamAccess: call<TeamAccess>()(onConnection(modifyTeamAccessRequestSchema)),
    removeTeamAccess: call<RemovedTeamAccess>()(onConnection(removeTeamAccessRequestSchema)),
    changePlan: call<PlanChangeResult>()(onConnection(changePlanRequestSchema)),
    prolongatePlan: call<PlanChangeResult>()(onConnection(prolongatePlanRequestSchema)),
    delete: call<Deleted>()(onConnection(deleteConnectionRequestSchema)),
    recreate: call<RecreatedConnection>()(recreateConnectionRequestSchema),
    smsHistory: call<SmsMessage[]>()(z.strictObject({ connId: idSchema })),
    pushCommand: call<CommandSent>()(onConnection(commandPushRequestSchema)),
    createPinCode: call<PinCode>()(z.strictObject({ connId: idSchema })),
    /** A new connection API key: shown once in the UI, as the user asked for it. */
    createApiKey: call<ApiKeyResult>()(z.strictObject({ connId: idSchema })),
  },
} as const

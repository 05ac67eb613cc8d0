/**
 * `client.connections`: the user's connections (phones) and everything done to one as a whole.
 */
import {
  apiKeySchema,
  changePlanRequestSchema,
  commandPushRequestSchema,
  commandSentSchema,
  connectionBasicInfoUpdateSchema,
  connectionListResponseSchema,
  connectionSchema,
  connectionStatusListResponseSchema,
  createConnectionRequestSchema,
  createdConnectionSchema,
  deleteConnectionRequestSchema,
  deletedSchema,
  modifyTeamAccessRequestSchema,
  pinCodeSchema,
  planChangeResultSchema,
  prolongatePlanRequestSchema,
  recreateConnectionRequestSchema,
  recreatedConnectionSchema,
  removedTeamAccessSchema,
  removeTeamAccessRequestSchema,
  smsHistoryResponseSchema,
  teamAccessSchema,
  updateConnectionBasicInfoRequestSchema,
  updatedSettingsSchema,
  updateSettingsRequestSchema,
  type ApiKeyResult,
  type ChangePlanRequest,
  type CommandPushRequest,
  type CommandSent,
  type Connection,
  type ConnectionBasicInfoUpdate,
  type ConnectionStatus,
  type CreateConnectionRequest,
  type CreatedConnection,
  type DeleteConnectionRequest,
  type Deleted,
  type ModifyTeamAccessRequest,
  type PinCode,
  type PlanChangeResult,
  type ProlongatePlanRequest,
  type RecreateConnectionRequest,
  type RecreatedConnection,
  type RemovedTeamAccess,
  type RemoveTeamAccessRequest,
  type SmsMessage,
  type TeamAccess,
  type UpdateConnectionBasicInfoRequest,
  type UpdatedSettings,
  type UpdateSettingsRequest,
} from '../../../shared/iproxy'
import type { CallOptions, Transport } from '../transport'
import { createRequester } from './request'

export function createConnectionsResource(transport: Transport) {
  const request = createRequester(transport)
  return {
    /** `GET /connections`. Resolves to the array of connections (unwrapped from `{ connections }`); `[]` when there are none. */
    async list(options?: CallOptions): Promise<Connection[]> {
      return (await request.get('/connections', { schema: connectionListResponseSchema }, options)).connections
    },

    /** `GET /connections/{connId}`. Resolves to the connection; `plan_info` and `app_data` may be absent. */
    async get(connId: string, options?: CallOptions): Promise<Connection> {
      return request.get('/connections/{connId}', { ids: { connId }, schema: connectionSchema }, options)
    },

    /**
     * `POST /connections`. Needs `name` and either `country` + `city` or, for a VIP server, `server_id` (not both).
     * Resolves to `{ id, country?, city?, server_id? }` of the new connection (HTTP 201).
     */
    async create(body: CreateConnectionRequest, options?: CallOptions): Promise<CreatedConnection> {
      return request.post('/connections', { body, bodySchema: createConnectionRequestSchema, schema: createdConnectionSchema }, options)
    },

    /** `POST /connections/{connId}/update-basic-info` (name and/or description, 1–256 chars). Resolves to `{ id, name, description }`. */
    async updateBasicInfo(connId: string, body: UpdateConnectionBasicInfoRequest, options?: CallOptions): Promise<ConnectionBasicInfoUpdate> {
      return request.post(
        '/connections/{connId}/update-basic-info',
        { ids: { connId }, body, bodySchema: updateConnectionBasicInfoRequestSchema, schema: connectionBasicInfoUpdateSchema },
        options,
      )
    },

    /**
     * `POST /connections/{connId}/update-settings`. Send only the fields to change; each is checked against the
     * documented rule first. Resolves to `{ id, ...all settings }` after the update.
     */
    async updateSettings(connId: string, body: UpdateSettingsRequest, options?: CallOptions): Promise<UpdatedSettings> {
      return request.post(
        '/connections/{connId}/update-settings',
        { ids: { connId }, body, bodySchema: updateSettingsRequestSchema, schema: updatedSettingsSchema },
        options,
      )
    },

    /** `POST /connections/{connId}/team-access/modify`. Resolves to `{ email, permissions }` with every permission's new value. */
    async modifyTeamAccess(connId: string, body: ModifyTeamAccessRequest, options?: CallOptions): Promise<TeamAccess> {
      return request.post(
        '/connections/{connId}/team-access/modify',
        { ids: { connId }, body, bodySchema: modifyTeamAccessRequestSchema, schema: teamAccessSchema },
        options,
      )
    },

    /** `POST /connections/{connId}/team-access/remove` with `{ email }`. Resolves to `{ email }`. */
    async removeTeamAccess(connId: string, body: RemoveTeamAccessRequest, options?: CallOptions): Promise<RemovedTeamAccess> {
      return request.post(
        '/connections/{connId}/team-access/remove',
        { ids: { connId }, body, bodySchema: removeTeamAccessRequestSchema, schema: removedTeamAccessSchema },
        options,
      )
    },

    /**
     * `POST /connections/{connId}/change-plan` with the current `active_plan`, the new `plan_id` and an optional
     * coupon. Resolves to `{ active_plan, coupon_code?, is_coupon_applied? }`.
     */
    async changePlan(connId: string, body: ChangePlanRequest, options?: CallOptions): Promise<PlanChangeResult> {
      return request.post(
        '/connections/{connId}/change-plan',
        { ids: { connId }, body, bodySchema: changePlanRequestSchema, schema: planChangeResultSchema },
        options,
      )
    },

    /**
     * `POST /connections/{connId}/prolongate-plan`. `days` must be a positive whole number (and, server-side, a
     * multiple of the plan's length). Resolves to `{ active_plan, is_coupon_applied? }`.
     */
    async prolongatePlan(connId: string, body: ProlongatePlanRequest, options?: CallOptions): Promise<PlanChangeResult> {
      return request.post(
        '/connections/{connId}/prolongate-plan',
        { ids: { connId }, body, bodySchema: prolongatePlanRequestSchema, schema: planChangeResultSchema },
        options,
      )
    },

    /**
     * `DELETE /connections/{connId}` with a JSON body `{ reason }` (one of DELETE_REASONS or any text). Only for a
     * connection without an active plan; otherwise use `recreate`. Resolves to `{ id }` of the deleted connection.
     */
    async delete(connId: string, body: DeleteConnectionRequest, options?: CallOptions): Promise<Deleted> {
      return request.delete(
        '/connections/{connId}',
        { ids: { connId }, body, bodySchema: deleteConnectionRequestSchema, schema: deletedSchema },
        options,
      )
    },

    /** `POST /recreate-connection`. Resolves to `{ id }` of the new connection (HTTP 201). */
    async recreate(body: RecreateConnectionRequest, options?: CallOptions): Promise<RecreatedConnection> {
      return request.post(
        '/recreate-connection',
        { body, bodySchema: recreateConnectionRequestSchema, schema: recreatedConnectionSchema },
        options,
      )
    },

    /** `GET /connections/{connId}/sms-history`. Resolves to the last 100 SMS (unwrapped from `{ sms_messages }`). */
    async smsHistory(connId: string, options?: CallOptions): Promise<SmsMessage[]> {
      const res = await request.get('/connections/{connId}/sms-history', { ids: { connId }, schema: smsHistoryResponseSchema }, options)
      return res.sms_messages
    },

    /**
     * `POST /connection/{connId}/command-push` (singular `connection`, as documented). `action` is one of
     * COMMAND_ACTIONS; `toggle_proxy` needs `toggle_proxy_params: { enabled }`. Resolves to `{ message }`.
     * Never repeated after a failure that may have reached the phone (a reboot must not happen twice).
     */
    async pushCommand(connId: string, body: CommandPushRequest, options?: CallOptions): Promise<CommandSent> {
      return request.post(
        '/connection/{connId}/command-push',
        { ids: { connId }, body, bodySchema: commandPushRequestSchema, schema: commandSentSchema },
        options,
      )
    },

    /**
     * `GET /connections-status`. Resolves to `[{ connection_id, online_status, last_online_status_update? }]`
     * (unwrapped from `{ connections }`); `online_status` is online, offline, nodata or flapping.
     */
    async statuses(options?: CallOptions): Promise<ConnectionStatus[]> {
      return (await request.get('/connections-status', { schema: connectionStatusListResponseSchema }, options)).connections
    },

    /** `POST /connections/{connId}/pin-code`. Resolves to `{ pincode, expires_at }`. */
    async createPinCode(connId: string, options?: CallOptions): Promise<PinCode> {
      return request.post('/connections/{connId}/pin-code', { ids: { connId }, schema: pinCodeSchema }, options)
    },

    /** `POST /connections/{connId}/api-key`. Resolves to `{ api_key }`, the connection's new key. */
    async createApiKey(connId: string, options?: CallOptions): Promise<ApiKeyResult> {
      return request.post('/connections/{connId}/api-key', { ids: { connId }, schema: apiKeySchema }, options)
    },
  }
}

export type ConnectionsResource = ReturnType<typeof createConnectionsResource>

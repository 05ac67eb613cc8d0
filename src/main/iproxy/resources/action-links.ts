/**
 * `client.actionLinks`: URLs that reboot a phone or change its IP without the API key.
 */
import {
  actionLinkListQuerySchema,
  actionLinkListResponseSchema,
  commandSentSchema,
  createActionLinkRequestSchema,
  createdActionLinkSchema,
  deletedSchema,
  type ActionLink,
  type ActionLinkListQuery,
  type CommandSent,
  type CreateActionLinkRequest,
  type CreatedActionLink,
  type Deleted,
} from '../../../shared/iproxy'
import { isHttpUrl } from '../../../shared/validators'
import { actionLinkProblem } from '../action-link-hosts'
import { IproxyValidationError } from '../api-errors'
import type { CallOptions, Transport } from '../transport'
import { createRequester } from './request'

/** `apiBase`: the profile's API base URL, whose host family action links must be on (action-link-hosts.ts). */
export function createActionLinksResource(transport: Transport, apiBase: URL) {
  const request = createRequester(transport)
  return {
    /**
     * `GET /actionlinks[?action=reboot|changeip]`. Resolves to the user's action links (unwrapped from
     * `{ action_links }`), only those of `filter.action` when given.
     */
    async list(filter: ActionLinkListQuery = {}, options?: CallOptions): Promise<ActionLink[]> {
      const query = { query: filter, querySchema: actionLinkListQuerySchema }
      return (await request.get('/actionlinks', { ...query, schema: actionLinkListResponseSchema }, options)).action_links
    },

    /** `GET /connections/{connId}/actionlinks[?action=...]`. Resolves to that connection's action links (unwrapped). */
    async listByConnection(connId: string, filter: ActionLinkListQuery = {}, options?: CallOptions): Promise<ActionLink[]> {
      const query = { query: filter, querySchema: actionLinkListQuerySchema }
      const res = await request.get('/connections/{connId}/actionlinks', { ids: { connId }, ...query, schema: actionLinkListResponseSchema }, options)
      return res.action_links
    },

    /** `POST /connections/{connId}/actionlinks` with `{ action: reboot|changeip, comment? }`. Resolves to `{ id }` (HTTP 201). */
    async create(connId: string, body: CreateActionLinkRequest, options?: CallOptions): Promise<CreatedActionLink> {
      return request.post(
        '/connections/{connId}/actionlinks',
        { ids: { connId }, body, bodySchema: createActionLinkRequestSchema, schema: createdActionLinkSchema },
        options,
      )
    },

    /** `DELETE /connections/{connId}/actionlinks/{linkId}`. Resolves to `{ id }` of the deleted link. */
    async delete(connId: string, linkId: string, options?: CallOptions): Promise<Deleted> {
      return request.delete('/connections/{connId}/actionlinks/{linkId}', { ids: { connId, linkId }, schema: deletedSchema }, options)
    },

    /**
     * `GET <link>`: runs the link's action (reboot or IP change) by requesting its own URL, without the API key.
     * Resolves to `{ message }`. Although a GET, it is not repeated after a failure that may have reached the
     * server, so a phone is never rebooted twice. The link's id (its secret) is masked in errors and logs. Only
     * https links on the API's host family are run (action-link-hosts.ts).
     */
    async execute(link: ActionLink | string, options?: CallOptions): Promise<CommandSent> {
      const href = typeof link === 'string' ? link : link?.link
      if (typeof href !== 'string' || !isHttpUrl(href)) {
        throw new IproxyValidationError('Cannot run the action link: link must be an http(s) URL.', {
          status: 0, method: 'GET', path: '(action link)', field: 'link', issues: [{ field: 'link', message: 'must be an http(s) URL' }],
        })
      }
      const url = new URL(href)
      const problem = actionLinkProblem(url, apiBase)
      if (problem) {
        throw new IproxyValidationError(`Cannot run the action link: ${problem}.`, {
          status: 0, method: 'GET', path: '(action link)', field: 'link', issues: [{ field: 'link', message: problem }],
        })
      }
      const displayPath = url.pathname.replace(/[^/]+\/?$/, '***')
      // Not through `request`: the link is its own absolute URL, sent without the API key.
      return transport.send(
        { method: 'GET', path: url.pathname, externalUrl: url, displayPath, idempotent: false, schema: commandSentSchema },
        options,
      )
    },
  }
}

export type ActionLinksResource = ReturnType<typeof createActionLinksResource>

/**
 * Action links (URLs that reboot a phone or change its IP without the API key), as zod schemas:
 * `client.actionLinks` in main/iproxy/resources/action-links.ts.
 */
import { z } from 'zod'
import { LIMITS, listOf, openEnum, optionalText, textUpTo } from './common'

export const ACTION_LINK_ACTIONS = ['reboot', 'changeip'] as const
export type ActionLinkAction = (typeof ACTION_LINK_ACTIONS)[number]

export const createActionLinkRequestSchema = z.strictObject({
  action: z.enum(ACTION_LINK_ACTIONS, 'must be reboot or changeip'),
  comment: textUpTo(LIMITS.freeText).optional(),
})
export type CreateActionLinkRequest = z.input<typeof createActionLinkRequestSchema>
/** The documented `?action=` filter of both list endpoints: only links of that action; absent means all. */
export const actionLinkListQuerySchema = z.strictObject({ action: z.enum(ACTION_LINK_ACTIONS, 'must be reboot or changeip').optional() })
export type ActionLinkListQuery = z.input<typeof actionLinkListQuerySchema>
export const createdActionLinkSchema = z.looseObject({ id: z.string() })
export type CreatedActionLink = z.output<typeof createdActionLinkSchema>

export const actionLinkSchema = z.looseObject({
  id: z.string(),
  /** Works without the API key: anyone holding it can reboot or change the IP. Treat it as a secret. */
  link: z.string(),
  action: openEnum(ACTION_LINK_ACTIONS),
  connection_id: z.string(),
  comment: optionalText,
  created_at: z.string(),
})
export type ActionLink = z.output<typeof actionLinkSchema>
export const actionLinkListResponseSchema = z.looseObject({ action_links: listOf(actionLinkSchema) })

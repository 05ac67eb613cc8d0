/**
 * SMS received by a connection's phone. The API returns the last 100, newest first.
 */
import type { SmsMessage } from '../../../shared/iproxy'
import { randomId } from '../prng'
import { getConnection } from './connections'
import type { SimState } from './store'
import { iso } from './store'

export const SMS_HISTORY_LIMIT = 100

export interface IncomingSms {
  message: string
  from: string
  fromContact?: string
  at?: number
}

/** Records an SMS as if the phone had just received it; older messages beyond the limit are dropped. */
export function receiveSms(state: SimState, connId: string, sms: IncomingSms): SmsMessage {
  getConnection(state, connId)
  const message: SmsMessage = {
    id: randomId(),
    message: sms.message,
    from: sms.from,
    from_contact: sms.fromContact ?? '',
    created_at: iso(sms.at ?? state.now()),
  }
  const list = state.sms.get(connId) ?? []
  list.unshift(message)
  list.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
  if (list.length > SMS_HISTORY_LIMIT) list.length = SMS_HISTORY_LIMIT
  state.sms.set(connId, list)
  return message
}

export function smsHistory(state: SimState, connId: string) {
  getConnection(state, connId)
  return { sms_messages: (state.sms.get(connId) ?? []).map((m) => ({ ...m })) }
}

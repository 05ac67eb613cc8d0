/** A connection's last 100 SMS (read-only), loaded when its SMS tab opens. */
import type { SmsMessage } from '../../../shared/iproxy'
import { getApi } from '../bridge'
import type { CachedData } from './cache'
import { createCache, useCached } from './cache'

const smsCache = createCache<SmsMessage[]>()

export const useSms = (connId: string): CachedData<SmsMessage[]> => useCached(smsCache, connId, () => getApi().connections.smsHistory({ connId }))

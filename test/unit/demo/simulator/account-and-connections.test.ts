import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createIproxyClient, IproxyAuthError, IproxyHttpError, IproxyNotFoundError } from '../../../../src/main/iproxy'
import { TEAM_PERMISSIONS } from '../../../../src/shared/iproxy'
import { demoConnectionId, openSession, raw, type Session } from './harness'

let s: Session

beforeEach(async () => {
  s = await openSession()
})
afterEach(async () => {
  await s.close()
})

describe('user info', () => {
  it('shows the demo account and keeps basic-info changes', async () => {
    const me = await s.client.me.get()
    expect(me).toMatchObject({ username: 'demo', balance: '248.50', proxy_prefix: 'demo' })
    const updated = await s.client.me.updateBasicInfo({ display_name: 'Jane Roe', telegram: '@jane' })
    expect(updated).toEqual({ id: me.id, display_name: 'Jane Roe', telegram: '@jane', proxy_prefix: 'demo' })
    expect(await s.client.me.get()).toMatchObject({ display_name: 'Jane Roe', telegram: '@jane' })
  })

  it('rotates the API key: the new key works and the old one is refused', async () => {
    const { api_key: fresh } = await s.client.me.rotateApiKey()
    expect(fresh).not.toBe('')
    await expect(s.client.me.get()).rejects.toBeInstanceOf(IproxyAuthError)
    const next = createIproxyClient({ apiKey: fresh, baseUrl: s.sim.baseUrl, maxRetries: 0 })
    try {
      expect((await next.me.get()).username).toBe('demo')
      expect(s.sim.apiKey).toBe(fresh)
    } finally {
      await next.close()
    }
  })
})

describe('connections', () => {
  it('lists 12 demo phones across countries with mixed statuses, plans and devices', async () => {
    const list = await s.client.connections.list()
    expect(list).toHaveLength(12)
    expect(new Set(list.map((c) => c.basic_info.server_geo?.country)).size).toBeGreaterThanOrEqual(6)
    expect(new Set(list.map((c) => c.app_data?.device_info?.model).filter(Boolean)).size).toBeGreaterThanOrEqual(5)
    const statuses = await s.client.connections.statuses()
    expect(new Set(statuses.map((x) => x.online_status))).toEqual(new Set(['online', 'offline', 'flapping', 'nodata']))
    const now = Date.now()
    const plans = list.map((c) => c.plan_info?.active_plan).filter((p) => p !== undefined)
    expect(plans.some((p) => Date.parse(p.expires_at) > now)).toBe(true)
    expect(plans.some((p) => Date.parse(p.expires_at) < now)).toBe(true)
  })

  it('creates a connection like the docs\' "just created" one (no plan, no app data) that can be deleted', async () => {
    const created = await s.client.connections.create({ name: 'Fresh phone', country: 'pl', city: 'waw', prolongation_enabled: true })
    expect(created).toMatchObject({ country: 'pl', city: 'waw' })
    expect(created.server_id).toEqual(expect.any(String))
    const got = await s.client.connections.get(created.id)
    expect(got.plan_info).toBeUndefined()
    expect(got.app_data).toBeUndefined()
    expect(got.settings.prolongation_enabled).toBe(true)
    expect((await s.client.connections.list()).map((c) => c.id)).toContain(created.id)
    expect(await s.client.connections.delete(created.id, { reason: 'mistake' })).toEqual({ id: created.id })
    await expect(s.client.connections.get(created.id)).rejects.toBeInstanceOf(IproxyNotFoundError)
  })

  it('refuses to delete a connection with an active plan and points at recreate, which returns a new id', async () => {
    const id = demoConnectionId(s.sim)
    const refused = await s.client.connections.delete(id, { reason: 'does_not_need' }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(IproxyHttpError)
    expect((refused as IproxyHttpError).serverMessage).toMatch(/recreate-connection/)
    const plan = (await s.client.connections.get(id)).plan_info?.active_plan
    const { id: newId } = await s.client.connections.recreate({ connection_id: id, name: 'Recreated', server_id: 'vip-de-fra-1' })
    expect(newId).not.toBe(id)
    const fresh = await s.client.connections.get(newId)
    expect(fresh.basic_info).toMatchObject({ name: 'Recreated', server_id: 'vip-de-fra-1', server_geo: { country: 'de', city: 'fra' } })
    expect(fresh.plan_info?.active_plan?.expires_at).toBe(plan?.expires_at)
    await expect(s.client.connections.get(id)).rejects.toBeInstanceOf(IproxyNotFoundError)
    expect((await s.client.proxies.list()).some((p) => p.connection_id === id)).toBe(false)
  })

  it('updates basic info and settings, and a later GET shows them', async () => {
    const id = demoConnectionId(s.sim)
    expect(await s.client.connections.updateBasicInfo(id, { name: 'Renamed', description: 'new text' })).toEqual({ id, name: 'Renamed', description: 'new text' })
    const settings = await s.client.connections.updateSettings(id, { dns: ['9.9.9.9'], tcp_fingerprint: 'iOS', reboot_cron_string: '0 4 * * *' })
    expect(settings).toMatchObject({ id, dns: ['9.9.9.9'], tcp_fingerprint: 'iOS', reboot_cron_string: '0 4 * * *' })
    const got = await s.client.connections.get(id)
    expect(got.basic_info).toMatchObject({ name: 'Renamed', description: 'new text' })
    expect(got.settings).toMatchObject({ dns: ['9.9.9.9'], tcp_fingerprint: 'iOS' })
  })

  it('edits shared_users with team-access modify and remove', async () => {
    const id = demoConnectionId(s.sim, 'online', 1)
    const member = await s.client.connections.modifyTeamAccess(id, { email: 'helper@example.com', permissions: { proxy_view: true, reboot_device: true } })
    expect(Object.keys(member.permissions).sort()).toEqual([...TEAM_PERMISSIONS].sort())
    expect(member.permissions).toMatchObject({ proxy_view: true, reboot_device: true, proxy_create: false })
    await s.client.connections.modifyTeamAccess(id, { email: 'helper@example.com', permissions: { reboot_device: false } })
    const shared = (await s.client.connections.get(id)).shared_users as { email: string; permissions: Record<string, boolean> }[]
    expect(shared).toEqual([{ email: 'helper@example.com', permissions: expect.objectContaining({ proxy_view: true, reboot_device: false }) }])
    expect(await s.client.connections.removeTeamAccess(id, { email: 'helper@example.com' })).toEqual({ email: 'helper@example.com' })
    expect((await s.client.connections.get(id)).shared_users).toEqual([])
    await expect(s.client.connections.removeTeamAccess(id, { email: 'helper@example.com' })).rejects.toBeInstanceOf(IproxyNotFoundError)
  })

  it('change-plan and prolongate-plan move expires_at and debit the balance', async () => {
    const id = demoConnectionId(s.sim)
    const plan = (await s.client.connections.get(id)).plan_info?.active_plan
    if (!plan) throw new Error('demo connection without a plan')
    const before = Number((await s.client.me.get()).balance)
    const prolonged = await s.client.connections.prolongatePlan(id, { active_plan: plan, days: 60 })
    expect(Date.parse(prolonged.active_plan.expires_at) - Date.parse(plan.expires_at)).toBe(60 * 86_400_000)
    const afterProlong = Number((await s.client.me.get()).balance)
    expect(afterProlong).toBeCloseTo(before - 38, 2)

    const changed = await s.client.connections.changePlan(id, { active_plan: prolonged.active_plan, plan_id: 'start-30', coupon_code: 'DEMO10' })
    expect(changed).toMatchObject({ active_plan: { id: 'start-30' }, coupon_code: 'DEMO10', is_coupon_applied: true })
    expect(Number((await s.client.me.get()).balance)).toBeCloseTo(afterProlong - 10.8, 2)
    expect((await s.client.connections.get(id)).plan_info?.active_plan).toEqual(changed.active_plan)

    // The plan the client saw is stale now: charging again on it is refused.
    await expect(s.client.connections.prolongatePlan(id, { active_plan: plan, days: 30 })).rejects.toBeInstanceOf(IproxyHttpError)
    const wrongDays = await raw(s.sim, 'POST', `/connections/${id}/prolongate-plan`, { active_plan: changed.active_plan, days: 45 })
    expect(wrongDays).toMatchObject({ status: 400, json: { error: { field: 'days' } } })
  })

  it('gives fresh PIN codes and connection API keys on every call', async () => {
    const id = demoConnectionId(s.sim)
    const [a, b] = [await s.client.connections.createPinCode(id), await s.client.connections.createPinCode(id)]
    expect(a.pincode).toMatch(/^\d{6}$/)
    expect(Date.parse(a.expires_at)).toBeGreaterThan(Date.now())
    expect(a.pincode === b.pincode && a.expires_at === b.expires_at).toBe(false)
    const [k1, k2] = [await s.client.connections.createApiKey(id), await s.client.connections.createApiKey(id)]
    expect(k1.api_key).not.toBe(k2.api_key)
  })

  it('keeps the last 100 SMS, newest first', async () => {
    const busy = [...s.sim.state.sms.entries()].find(([, list]) => list.length === 100)
    expect(busy).toBeDefined()
    const sms = await s.client.connections.smsHistory(busy?.[0] ?? '')
    expect(sms).toHaveLength(100)
    const times = sms.map((m) => Date.parse(m.created_at))
    expect([...times].sort((x, y) => y - x)).toEqual(times)
    expect(sms[0]).toEqual({ id: expect.any(String), message: expect.any(String), from: expect.any(String), from_contact: expect.any(String), created_at: expect.any(String) })
  })

  it('changeip gives a new IP and appends it to the IP history', async () => {
    const id = demoConnectionId(s.sim)
    const before = s.sim.state.connections.get(id)?.ip?.ipv4
    expect(await s.client.connections.pushCommand(id, { action: 'changeip' })).toEqual({ message: 'changeip command has been sent' })
    const after = s.sim.state.connections.get(id)?.ip?.ipv4
    expect(after).not.toBe(before)
    expect(after).not.toMatch(/^(10|127|192\.168|172\.(1[6-9]|2\d|3[01]))\./)
    const history = await s.client.stats.ipHistory(id, { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 1_000) })
    expect(history.at(-1)?.ipv4).toBe(after)
  })

  it('reboot takes the phone offline, then back online', async () => {
    const id = demoConnectionId(s.sim)
    await s.client.connections.pushCommand(id, { action: 'reboot' })
    const status = async () => (await s.client.connections.statuses()).find((x) => x.connection_id === id)?.online_status
    expect(await status()).toBe('offline')
    await new Promise((r) => setTimeout(r, 300))
    expect(await status()).toBe('online')
  })

  it('answers every documented command, and toggle_proxy switches the proxies off and on', async () => {
    const id = demoConnectionId(s.sim)
    for (const action of ['refresh_fingerprint', 'refresh', 'fix_lte', 'find_my_device', 'debug_report', 'upgrade_app', 'speed_test'] as const) {
      expect(await s.client.connections.pushCommand(id, { action })).toEqual({ message: `${action} command has been sent` })
    }
    await s.client.connections.pushCommand(id, { action: 'toggle_proxy', toggle_proxy_params: { enabled: false } })
    expect(s.sim.state.connections.get(id)?.proxyEnabled).toBe(false)
    await s.client.connections.pushCommand(id, { action: 'toggle_proxy', toggle_proxy_params: { enabled: true } })
    expect(s.sim.state.connections.get(id)?.proxyEnabled).toBe(true)
  })

  it('answers 404 for unknown connection ids', async () => {
    await expect(s.client.connections.get('nope')).rejects.toBeInstanceOf(IproxyNotFoundError)
    await expect(s.client.connections.pushCommand('nope', { action: 'reboot' })).rejects.toBeInstanceOf(IproxyNotFoundError)
    await expect(s.client.proxies.listByConnection('nope')).rejects.toBeInstanceOf(IproxyNotFoundError)
  })
})

/** features/connection-detail/sms/sms-code.ts: the code a person would retype from an SMS, and nothing else. */
import { describe, expect, it } from 'vitest'
import { smsCode } from '../../../src/renderer/src/features/connection-detail/sms/sms-code'

describe('smsCode', () => {
  it('finds the one-time code in the usual wordings', () => {
    expect(smsCode('Your verification code is 482913')).toBe('482913')
    expect(smsCode('G-123456 is your Google verification code.')).toBe('123456')
    expect(smsCode('Код: 482-913. Никому не сообщайте.')).toBe('482913')
    expect(smsCode('Telegram code 12345')).toBe('12345')
  })

  it('finds none in a message without one, nor in a phone number', () => {
    expect(smsCode('Your balance is low, top up soon')).toBeUndefined()
    expect(smsCode('Call us at +79161234567')).toBeUndefined()
    expect(smsCode('Order 12 shipped')).toBeUndefined()
  })
})

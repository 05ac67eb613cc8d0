/**
 * The one-time code in an SMS ("Your code: 482-913", "G-123456 is your Google verification code"), for the copy
 * button: the digits a person would otherwise retype. A run of 4–8 digits, optionally split once by a space or a
 * dash; a number glued to letters or other digits (a phone number, an amount with a currency) is not a code.
 */
const CODE = /(?<![\d+])(\d{2,4}[- ]\d{2,4}|\d{4,8})(?![\d])/g

export function smsCode(message: string): string | undefined {
  for (const match of message.matchAll(CODE)) {
    const digits = (match[1] ?? '').replace(/[- ]/g, '')
    if (digits.length >= 4 && digits.length <= 8) return digits
  }
  return undefined
}

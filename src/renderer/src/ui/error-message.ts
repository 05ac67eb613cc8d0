// The i18next instance i18n/index.ts sets up (imported from the package, so this file works before and without it).
import i18next from 'i18next'
import { BridgeError } from '../bridge'

/**
 * A one-line, human message for anything a call or render threw. An error code with wording of its own in the
 * catalogue (`errors.<code>`, i18n/features/errors.*.ts) is shown in the interface's language; any other shows
 * main's message as it is.
 */
export function errorMessage(err: unknown): string {
  if (err instanceof BridgeError && i18next.exists(`errors.${err.code}`)) {
    // The wording may name the error's own details ({{path}}, {{name}}, {{status}}): its plain values fill them in.
    const details = typeof err.details === 'object' && err.details !== null ? Object.entries(err.details) : []
    const values = Object.fromEntries(details.filter(([, v]) => typeof v === 'string' || typeof v === 'number'))
    // What the iProxy server itself said (a refused coupon, a bad gateway) is quoted as it came, where the wording
    // has its {{said}}; other wordings have no server to quote.
    const said = typeof values.serverMessage === 'string' ? ` ${i18next.t('errors.serverSaid', { message: values.serverMessage })}` : ''
    return i18next.t(`errors.${err.code}` as 'errors.not_a_file', { ...values, said })
  }
  if (err instanceof Error && err.message) return err.message
  if (typeof err === 'string' && err) return err
  return i18next.t('errors.unknown')
}

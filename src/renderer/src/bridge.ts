/**
 * The renderer's only way out: `window.iproxy`, set by the preload (or by the e2e harness, through the same
 * createBridge). Calls resolve to results or reject with a BridgeError carrying a code the UI can act on.
 */
import { unwrapBridge } from '../../shared/bridge'
import type { IproxyApi, RawBridge } from '../../shared/bridge'

declare global {
  interface Window {
    iproxy?: RawBridge
  }
}

let api: IproxyApi | undefined

export function getApi(): IproxyApi {
  if (!api) {
    if (!window.iproxy) {
      throw new Error('The app bridge is missing: this page only works inside iProxy Desktop.')
    }
    api = unwrapBridge(window.iproxy)
  }
  return api
}

export { BridgeError } from '../../shared/bridge'

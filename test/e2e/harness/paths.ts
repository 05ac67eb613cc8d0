import { resolve } from 'node:path'

export const REPO_ROOT = resolve(__dirname, '../../..')
export const RENDERER_DIR = resolve(REPO_ROOT, 'out/renderer')
export const BRIDGE_BUNDLE = resolve(REPO_ROOT, 'test-results/harness/bridge.js')
export const SCREENS_DIR = resolve(REPO_ROOT, 'test-results/screens')

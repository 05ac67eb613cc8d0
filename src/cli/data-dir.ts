/**
 * The desktop app's data folder (profiles, export and check settings, check history), found the way Electron finds
 * `app.getPath('userData')`: the OS's application-data folder joined with the app's name, which Electron takes from
 * package.json's `productName` ("iProxy Desktop"). So `iproxy --profile NAME` reads the profiles the app saved.
 *
 *   Linux    $XDG_CONFIG_HOME/iProxy Desktop, else ~/.config/iProxy Desktop
 *   macOS    ~/Library/Application Support/iProxy Desktop
 *   Windows  %APPDATA%\iProxy Desktop (else ~\AppData\Roaming\iProxy Desktop)
 *
 * `--data-dir` wins over IPROXY_DATA_DIR, which wins over that default.
 */
import { homedir } from 'node:os'
import { posix, win32 } from 'node:path'
import { productName } from '../../package.json'

export const APP_DATA_NAME: string = productName

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), APP_DATA_NAME)
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_DATA_NAME)
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), APP_DATA_NAME)
}

export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.IPROXY_DATA_DIR || defaultDataDir(process.platform, env)
}

/**
 * Runs electron-builder for real, `--linux dir --x64`, on the project and its electron-builder.yml, with three
 * overrides on the command line (the rest of the configuration is the one the installers use):
 *
 *   --config.electronDist=<stand-in>     Electron comes from the stand-in folder (stand-in-electron.ts), not a download
 *   --config.npmRebuild=false            keytar stays as `npm ci` built it (rebuilding needs Electron's headers)
 *   --config.directories.output=<temp>   the result goes to a temporary folder, removed by the test
 *
 * `dir` is the one target that needs no tool from the internet (AppImage and deb fetch theirs), and it is what
 * every installer wraps: the same app folder, app.asar and unpacked native module. HTTP(S)_PROXY point at a closed
 * port on 127.0.0.1, so an unexpected download attempt fails at once instead of leaving the machine.
 */
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '../..')

export interface BuildResult {
  outputDir: string
  appDir: string
  log: string
  seconds: number
}

export async function buildLinuxDir(options: { standIn: string; outputDir: string; extraArgs?: string[] }): Promise<BuildResult> {
  const args = [
    '--linux',
    'dir',
    '--x64',
    '--publish',
    'never',
    `--config.electronDist=${options.standIn}`,
    '--config.npmRebuild=false',
    `--config.directories.output=${options.outputDir}`,
    ...(options.extraArgs ?? []),
  ]
  const closedPort = 'http://127.0.0.1:9'
  // electron-builder stays silent under vitest (it checks VITEST); its log is part of what the check reads.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')))
  const env = {
    ...inherited,
    HTTP_PROXY: closedPort,
    HTTPS_PROXY: closedPort,
    http_proxy: closedPort,
    https_proxy: closedPort,
    NO_PROXY: '',
    no_proxy: '',
    ELECTRON_GET_USE_PROXY: '1',
    CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    FORCE_COLOR: '0',
  }
  const started = Date.now()
  const cli = join(ROOT, 'node_modules/electron-builder/cli.js')
  const child = spawn(process.execPath, [cli, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail)
    child.on('close', done)
  })
  if (code !== 0) throw new Error(`electron-builder ${args.join(' ')} exited with ${code}:\n${log}`)
  return { outputDir: options.outputDir, appDir: join(options.outputDir, 'linux-unpacked'), log, seconds: (Date.now() - started) / 1000 }
}

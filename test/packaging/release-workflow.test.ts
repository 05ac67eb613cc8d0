/**
 * .github/workflows/release.yml cannot run here (no GitHub runners, no Electron download), so this test keeps it
 * valid YAML with the shape the README promises: a tag starts it; Windows, macOS and Linux each run the whole test
 * suite, build the installers and run the Electron smoke test against a packaged test build; one job with write
 * access attaches the installers to the release.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'

const ROOT = join(__dirname, '../..')
// js-yaml: electron-builder's own YAML parser (a dependency of app-builder-lib). YAML 1.2: `on` stays a string key.
const yaml = createRequire(__filename)('js-yaml') as { load(text: string): unknown }

interface Step {
  name?: string
  uses?: string
  run?: string
  if?: string
  env?: Record<string, string>
  with?: Record<string, unknown>
}
interface Job {
  'runs-on': string
  needs?: string | string[]
  permissions?: Record<string, string>
  strategy?: { matrix: { include: Record<string, string>[] } }
  steps: Step[]
}
interface Workflow {
  name: string
  on: { push: { tags: string[] } }
  permissions: Record<string, string>
  jobs: Record<string, Job>
}

const text = readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8')
const workflow = yaml.load(text) as Workflow
const runs = (job: Job) => job.steps.map((step) => step.run ?? '').join('\n')
const stepIndex = (job: Job, pattern: RegExp) => job.steps.findIndex((step) => pattern.test(step.run ?? ''))

describe('the release workflow', () => {
  test('is valid YAML (no tabs, parses to a workflow) started by a version tag', () => {
    expect(text).not.toMatch(/\t/)
    expect(workflow.name).toBe('Release')
    expect(workflow.on).toEqual({ push: { tags: ['v*'] } })
    expect(workflow.permissions).toEqual({ contents: 'read' })
  })

  test('builds and tests on windows-latest, macos-latest and ubuntu-latest', () => {
    const build = workflow.jobs.build!
    expect(build['runs-on']).toBe('${{ matrix.os }}')
    const matrix = build.strategy!.matrix.include
    expect(matrix.map((m) => m.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest'])
    expect(matrix.map((m) => m.platform).sort()).toEqual(['linux', 'mac', 'win'])
    for (const step of build.steps) expect(Boolean(step.uses) !== Boolean(step.run), JSON.stringify(step)).toBe(true)
  })

  test('runs the full test suite, then builds the installers, then smoke-tests the packaged test build', () => {
    const build = workflow.jobs.build!
    const install = stepIndex(build, /^npm ci$/m)
    const tests = stepIndex(build, /\bnpm test\b/)
    const installers = stepIndex(build, /electron-builder --\$\{\{ matrix\.platform \}\} --publish never/)
    const testBuild = stepIndex(build, /enableNodeCliInspectArguments=true/)
    const smoke = stepIndex(build, /playwright test --config test\/electron\/playwright\.config\.ts/)
    expect([install, tests, installers, testBuild, smoke].every((i) => i >= 0)).toBe(true)
    expect(install < tests && tests < installers && installers < testBuild && testBuild < smoke).toBe(true)
    // The test build goes to its own folder, so it can never be uploaded as an installer.
    expect(build.steps[testBuild]!.run).toContain('--config.directories.output=dist-test')
    expect(build.steps[smoke]!.env?.IPROXY_PACKAGED_APP).toContain('${{ matrix.test-app }}')
    for (const m of build.strategy!.matrix.include) expect(m['test-app']).toMatch(/^dist-test\//)
  })

  test('uploads installers only from dist/, and only the release job may write', () => {
    const build = workflow.jobs.build!
    const upload = build.steps.find((step) => step.uses?.startsWith('actions/upload-artifact') && String(step.with?.name).startsWith('installers-'))
    expect(String(upload?.with?.path).trim().split('\n').sort()).toEqual([
      'dist/*.AppImage', 'dist/*.blockmap', 'dist/*.deb', 'dist/*.dmg', 'dist/*.exe', 'dist/*.zip', 'dist/beta*.yml', 'dist/latest*.yml',
    ])
    expect(build.permissions).toBeUndefined()

    const release = workflow.jobs.release!
    expect(release.needs).toBe('build')
    expect(release.permissions).toEqual({ contents: 'write' })
    expect(runs(release)).toMatch(/gh release create "\$GITHUB_REF_NAME" installers\/\*/)
    expect(Object.keys(workflow.jobs).sort()).toEqual(['build', 'release'])
  })

  test('checks out without persisting the token, and passes signing secrets to the installer step alone', () => {
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/checkout'))) expect(step.with?.['persist-credentials']).toBe(false)
      for (const step of job.steps) {
        const secrets = Object.values(step.env ?? {}).filter((value) => value.includes('secrets.'))
        if (secrets.length > 0) expect(step.name).toBe('Installers')
      }
    }
    expect(text).not.toMatch(/pull_request_target/)
  })

  test('builds every OS\'s updater targets: nsis on Windows, dmg and zip on macOS, AppImage and deb on Linux', () => {
    const build = workflow.jobs.build!
    expect(runs(build)).toMatch(/electron-builder --\$\{\{ matrix\.platform \}\} --publish never/)
    const builder = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')
    const config = yaml.load(builder) as Record<string, { target: Array<{ target: string }> }>
    expect(config.win!.target.map((t) => t.target)).toEqual(['nsis'])
    expect(config.mac!.target.map((t) => t.target).sort()).toEqual(['dmg', 'zip'])
    expect(config.linux!.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb'])
  })

  test('signing and notarisation are optional: an empty secret is unset, and each skipped step prints why', () => {
    const installers = workflow.jobs.build!.steps.find((s) => s.name === 'Installers')!
    for (const name of ['MAC_CSC_LINK', 'WIN_CSC_LINK', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']) {
      expect(installers.env?.[name]).toBe(`\${{ secrets.${name} }}`)
    }
    expect(installers.run).toMatch(/\[ -n "\$\{!name\}" \] \|\| unset "\$name"/)
    expect(installers.run).toMatch(/::notice::macOS signing skipped: MAC_CSC_LINK is not set/)
    expect(installers.run).toMatch(/::notice::macOS notarization skipped:/)
    expect(installers.run).toMatch(/::notice::Windows signing skipped: WIN_CSC_LINK is not set/)
    // No step fails for a missing secret: nothing in the workflow exits on an unset one.
    expect(installers.run).not.toMatch(/exit 1/)
  })

  test('the publish step attaches installers and update feed to the release, a -beta tag as a pre-release', () => {
    const release = workflow.jobs.release!
    const publish = release.steps.find((s) => /gh release create/.test(s.run ?? ''))!
    expect(publish.env?.GH_TOKEN).toBe('${{ github.token }}')
    expect(publish.run).toMatch(/case "\$GITHUB_REF_NAME" in \*-\*\) prerelease="--prerelease"/)
    expect(publish.run).toMatch(/--verify-tag \$prerelease/)
    const download = release.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))
    expect(download?.with).toMatchObject({ pattern: 'installers-*', path: 'installers', 'merge-multiple': true })
  })
})

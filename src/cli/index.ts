/**
 * `iproxy`, the command line of iProxy Desktop (built into out/cli/iproxy.mjs; package.json's `bin`). Plain Node:
 * the same services as the app, never Electron. Exits with the code the command chose once output is flushed.
 */
import { createOutput } from './output'
import { runCli } from './program'

const out = createOutput(process.stdout, process.stderr, process.env)

// `iproxy export ... | head` closes the pipe early: that is the reader's choice, not an error worth a stack.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0)
  throw err
})

runCli(process.argv.slice(2), { out, env: process.env, stdin: process.stdin })
  .then((code) => {
    process.exitCode = code
    // Nothing should be left running; if something is (a socket the server keeps open), do not hang a script.
    setTimeout(() => process.exit(code), 2_000).unref()
  })
  .catch((err: unknown) => {
    out.error('internal', `Something went wrong inside iproxy: ${err instanceof Error ? err.message : String(err)}`)
    process.exitCode = 1
  })

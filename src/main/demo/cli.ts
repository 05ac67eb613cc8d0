/**
 * `npm run simulator -- --port 8787 [--seed demo|empty] [--key KEY] [--host 127.0.0.1]`: the simulator on its own,
 * for poking with curl. Prints where it is and the key; Ctrl-C stops it cleanly. --help lists the control surface.
 */
import { parseArgs } from 'node:util'
import { DEMO_OUTAGES } from './demo-outages'
import { startSimulator } from './simulator'

const HELP = `Usage: npm run simulator -- [--port 8787] [--host 127.0.0.1] [--seed demo|empty] [--key API_KEY]
  --scale-connections N  build a large account (N connections, --scale-proxies accesses each)
  --steady               no demo outages (by default the demo's "${DEMO_OUTAGES.connectionName}" goes offline for
                         ${DEMO_OUTAGES.offlineMs / 60_000} min every ${DEMO_OUTAGES.everyMs / 60_000} min, the first ${DEMO_OUTAGES.firstAfterMs / 60_000} min after start, so the fleet watch has something to show)

Control surface (loopback clients only; on the simulator's origin, not under the API path, no API key):
  POST /_control/connections/{id}/status  {"status":"offline"}  hold the phone offline (connections-status says
                                          so, its proxies stop) until told otherwise; {"status":"online"} holds it
                                          online; {"status":"release"} returns it to what it was before the hold
  POST /_control/connections/status  {"status":"offline","ids":["ID",...]}  the same for many phones at once
                                          (every phone when "ids" is left out)
  POST /_control/api  {"down":true}       every API call answers 503 until {"down":false}
  POST /_control/api  {"rateLimitSeconds":30}  every API call answers 429 with Retry-After: 30 until 0
  GET  /_control/requests                 API requests received so far, in all and by path
  GET  /_control                          what is held now, and every phone's id, name and status
  e.g. curl -X POST -d '{"status":"offline"}' http://127.0.0.1:8787/_control/connections/CONNECTION_ID/status`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: 'demo' },
      key: { type: 'string' },
      'scale-connections': { type: 'string' },
      'scale-proxies': { type: 'string', default: '4' },
      steady: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(HELP)
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, got ${values.port}`)
  if (values.seed !== 'demo' && values.seed !== 'empty') throw new Error(`--seed must be demo or empty, got ${values.seed}`)
  const scaleConnections = values['scale-connections'] === undefined ? undefined : Number(values['scale-connections'])

  const started = performance.now()
  const sim = await startSimulator({
    port,
    host: values.host,
    seed: values.seed,
    demoOutages: values.seed === 'demo' && !values.steady,
    ...(values.key ? { apiKey: values.key } : {}),
    ...(scaleConnections ? { scale: { connections: scaleConnections, proxiesPerConnection: Number(values['scale-proxies']) } } : {}),
  })
  console.log(`iProxy simulator ready in ${Math.round(performance.now() - started)} ms`)
  console.log(`  baseUrl: ${sim.baseUrl}`)
  console.log(`  apiKey:  ${sim.apiKey}`)
  console.log(`  echoUrl: ${sim.echoUrl}`)
  console.log(`  control: ${sim.origin}/_control (see --help)`)
  console.log(`  try:     curl -H "Authorization: Bearer ${sim.apiKey}" ${sim.baseUrl}/me`)

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: stopping the simulator`)
    void sim.stop().then(() => process.exit(0))
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  // npm runs scripts through `sh -c`, which does not pass a SIGTERM sent to npm on to its child: the shell dies
  // and this process is re-parented. A changed parent means whoever started the simulator is gone, so stop too.
  const launcher = process.ppid
  setInterval(() => {
    if (process.ppid !== launcher) shutdown('launcher exited')
  }, 250).unref()
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})

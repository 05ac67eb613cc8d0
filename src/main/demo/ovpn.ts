/**
 * A real-looking OpenVPN client profile for a simulated VPN access: the directives a real one has, with inline
 * ca/cert/key blocks. The PEM blocks have the right armour and sizes but deterministic filler inside (there is no
 * VPN server behind the simulator), so the same access always yields the same file and the same SHA-1.
 */
import { createPrng } from './prng'

export interface OvpnInput {
  accessId: string
  serverId: string
  name: string
  dns: readonly string[]
  /** Where the profile says the server is; the simulator's loopback address by default. */
  host?: string
}

function pem(label: string, seed: string, bytes: number): string {
  const prng = createPrng(seed)
  const body = Buffer.alloc(bytes)
  for (let i = 0; i < bytes; i++) body[i] = prng.int(0, 255)
  // DER always starts with a SEQUENCE header; keep that much of the real shape.
  body[0] = 0x30
  body[1] = 0x82
  body.writeUInt16BE(bytes - 4, 2)
  const lines = body.toString('base64').match(/.{1,64}/g) ?? []
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n')
}

export function ovpnPort(accessId: string): number {
  return 11_000 + createPrng(`ovpn-port:${accessId}`).int(0, 999)
}

export function buildOvpnConfig(input: OvpnInput): string {
  const host = input.host ?? '127.0.0.1'
  const lines = [
    `# iProxy.online OpenVPN profile "${input.name.replace(/[\r\n]/g, ' ')}" (server ${input.serverId})`,
    'client',
    'dev tun',
    'proto udp',
    `remote ${host} ${ovpnPort(input.accessId)}`,
    'resolv-retry infinite',
    'nobind',
    'persist-key',
    'persist-tun',
    'remote-cert-tls server',
    'cipher AES-256-GCM',
    'data-ciphers AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305',
    'auth SHA256',
    'verb 3',
    ...input.dns.map((ip) => `dhcp-option DNS ${ip}`),
    '<ca>',
    pem('CERTIFICATE', `ca:${input.serverId}`, 1188),
    '</ca>',
    '<cert>',
    pem('CERTIFICATE', `cert:${input.accessId}`, 1124),
    '</cert>',
    '<key>',
    pem('PRIVATE KEY', `key:${input.accessId}`, 1218),
    '</key>',
  ]
  return `${lines.join('\n')}\n`
}

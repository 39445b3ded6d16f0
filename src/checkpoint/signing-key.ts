/** The checkpoint signing key: Ed25519, made at first start, kept in a file outside the database (mode 0600). */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export interface SigningKey {
  /** `ed25519:` and the first 16 hex digits of SHA-256 over the public key (SPKI DER). */
  readonly keyId: string
  /** The public half as PEM, to print and to serve. */
  readonly publicPem: string
  /** Where the private half is kept (absent: in memory only). */
  readonly file?: string
  sign(message: string): string
}

/**
 * The id of a public key.
 * @example keyIdOf(createPublicKey(pem)) // 'ed25519:3f2a…'
 */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' })
  return `ed25519:${createHash('sha256').update(der).digest('hex').slice(0, 16)}`
}

function fromPrivate(privateKey: KeyObject, file?: string): SigningKey {
  const publicKey = createPublicKey(privateKey)
  return {
    keyId: keyIdOf(publicKey),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ...(file ? { file } : {}),
    sign: (message) => sign(null, Buffer.from(message), privateKey).toString('base64'),
  }
}

/**
 * The key kept at `file`, made there (0600, and its public half beside it as `file.pub`) when there is none yet.
 * Without a file, a key held in memory for this process only.
 * @example const key = loadOrCreateKey('data/checkpoint-key'); key.keyId
 */
export function loadOrCreateKey(file?: string): SigningKey {
  if (!file) return fromPrivate(generateKeyPairSync('ed25519').privateKey)
  if (!existsSync(file)) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    mkdirSync(dirname(file), { recursive: true })
    try {
      // 'wx': two processes starting together make one key; the second reads the first's
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' })
      writeFileSync(`${file}.pub`, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
  }
  chmodSync(file, 0o600)
  return fromPrivate(createPrivateKey(readFileSync(file)), file)
}

/**
 * A public key from PEM text (a `.pub` file), or from the private key file beside which it was made.
 * @example const pub = publicKeyFrom(readFileSync('checkpoint-key.pub', 'utf8'))
 */
export function publicKeyFrom(pem: string): KeyObject {
  return createPublicKey(pem)
}

/**
 * True when `signature` (base64) is the key's Ed25519 signature of `message`.
 * @example verifySignature(pub, message, doc.signature)
 */
export function verifySignature(publicKey: KeyObject, message: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(message), publicKey, Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}

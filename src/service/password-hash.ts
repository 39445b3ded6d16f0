/** Passwords hashed with scrypt (node:crypto): `scrypt$N$r$p$salt$hash`, compared in constant time. */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const N = 16384
const R = 8
const P = 1
const KEY_LENGTH = 32

const derive = (password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> =>
  new Promise((done, fail) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? fail(err) : done(key))),
  )

/**
 * The stored form of a password: a fresh 16-byte salt and scrypt's key, with the cost parameters used.
 * @example const stored = await hashPassword('correct horse') // 'scrypt$16384$8$1$…$…'
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, { N, r: R, p: P })
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/**
 * True when the password gives the stored key. A stored value that is not scrypt's form is never a match.
 * @example await verifyPassword('correct horse', stored) // true
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$')
  if (kind !== 'scrypt' || !n || !r || !p || salt === undefined || key === undefined) return false
  const expected = Buffer.from(key, 'base64url')
  const got = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) })
  return got.length === expected.length && timingSafeEqual(got, expected)
}

/** A hash of no one's password, checked when the user name is unknown so that the answer takes as long. */
let decoy: Promise<string> | undefined
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(16).toString('hex')))

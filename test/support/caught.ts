/** Runs a function that must throw a XingquanError, and returns it (a test fails when it throws anything else or nothing). */
import { XingquanError } from '../../src/errors/xingquan-error.js'

export function caught(fn: () => unknown): XingquanError {
  try {
    fn()
  } catch (e) {
    if (e instanceof XingquanError) return e
    throw e
  }
  throw new Error('expected a XingquanError')
}

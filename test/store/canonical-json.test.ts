/** canonicalJson is what every stored hash and pack version is computed over: its text must never change. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../src/rules/pack-version.js'

/** The first version, kept verbatim: the one the stored chains and pack versions were hashed with. */
function firstCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(firstCanonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${firstCanonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

const outcome = (f: (v: unknown) => string, v: unknown) => {
  try {
    return { text: f(v) }
  } catch (err) {
    return { threw: (err as Error).constructor.name }
  }
}

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}')
    expect(canonicalJson({ é: 1, Z: 2, a: 3, '10': 4, '9': 5, '': 6 })).toBe('{"":6,"10":4,"9":5,"Z":2,"a":3,"é":1}')
  })

  it('gives the text of the first version for any JSON value', () => {
    const same = (v: unknown) => {
      expect(canonicalJson(v)).toBe(firstCanonicalJson(v))
    }
    fc.assert(fc.property(fc.jsonValue(), same), { numRuns: 2000 })
  })

  it('gives the text (or the error) of the first version for anything else: undefined members and items, sparse arrays, dates, maps, typed arrays, null prototypes, keys beyond the BMP', () => {
    const anything = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
      maxDepth: 4,
    })
    const same = (v: unknown) => {
      expect(outcome(canonicalJson, v)).toEqual(outcome(firstCanonicalJson, v))
    }
    fc.assert(fc.property(anything, same), { numRuns: 3000 })
    const odd = [
      [undefined, () => 1, Symbol('s'), null],
      { f: () => 1, u: undefined, s: Symbol('s') },
      // biome-ignore lint/suspicious/noSparseArray: holes must canonicalize as JSON.stringify writes them, as null
      [, 1, , 2],
      { '\u{1F600}': 1, '\uFFFF': 2, '\u0000': 3 },
      new Date(0),
      -0,
      NaN,
      Infinity,
    ]
    for (const v of odd) same(v)
  })
})

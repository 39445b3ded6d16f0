/** The case of an example: its own, or its folder's base case with the example's acceptance changes and events. */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { XingquanError } from '../errors/xingquan-error.js'
import { parseAndValidate, validate } from '../schema/validator.js'
import type { CaseEvent, CaseFile, RuleExample } from '../types/generated.js'
import { applyMergePatch } from './merge-patch.js'

/** An example with its case made whole: what the replay runs. */
export type ResolvedExample = RuleExample & { readonly case: CaseFile }

/** Base cases read once per path during a load. */
export type BaseCache = Map<string, CaseFile>

/**
 * Reads a base case file (validated as a case file).
 * @example readBase('rules/sichuan/examples/_base.case.json')
 */
export function readBase(path: string, cache: BaseCache = new Map()): CaseFile {
  let base = cache.get(path)
  if (!base) {
    base = parseAndValidate<CaseFile>('case-file', readFileSync(path, 'utf8'), path)
    cache.set(path, base)
  }
  return base
}

/**
 * The example's whole case: `case` as written, or the base (beside `file`) with `accepted` merged onto its first event,
 * then the base's other events and the example's own; throws XingquanError when the base is missing or the result is
 * not a valid case file.
 * @example exampleCase(example, 'rules/sichuan/examples/statutory-near-fires.example.json').events.length
 */
export function exampleCase(example: RuleExample, file: string, cache: BaseCache = new Map()): CaseFile {
  if (example.case) return example.case
  if (example.base === undefined)
    throw new XingquanError({
      code: 'EXAMPLE_CASE_MISSING',
      zh: '样例既没有办件（case）也没有基础办件（base）',
      en: 'the example has neither a case nor a base',
      file,
      pointer: '',
    })
  const path = join(dirname(file), example.base)
  let base: CaseFile
  try {
    base = readBase(path, cache)
  } catch (err) {
    if (err instanceof XingquanError) throw err
    throw new XingquanError({
      code: 'EXAMPLE_BASE_MISSING',
      zh: `读不到基础办件 ${path}：${(err as Error).message}`,
      en: `cannot read the base case ${path}: ${(err as Error).message}`,
      file,
      pointer: '/base',
    })
  }
  const [first, ...rest] = base.events
  const accepted = example.accepted ? (applyMergePatch(first, example.accepted) as CaseEvent) : first!
  const whole = {
    caseId: example.caseId ?? base.caseId,
    events: [accepted, ...rest, ...(example.events ?? [])],
  } as CaseFile
  const problems = validate('case-file', whole, { file })
  if (problems.length > 0) {
    // a pointer into the merged case, said where the example wrote it: its acceptance changes or its own events
    const where = (pointer = '') => {
      const m = /^\/events\/(\d+)(.*)$/.exec(pointer)
      if (!m) return pointer
      const i = Number(m[1])
      if (i === 0) return `/accepted${m[2]}`
      return i > rest.length ? `/events/${i - 1 - rest.length}${m[2]}` : `${example.base}#/events/${i}${m[2]}`
    }
    throw new XingquanError(
      problems.map((p) => ({
        ...p,
        zh: `与基础办件合并后：${p.zh}`,
        en: `merged with the base: ${p.en}`,
        pointer: where(p.pointer),
      })),
    )
  }
  return whole
}

/**
 * Reads one example file and makes its case whole: the example as if written with its whole case (`case`, without
 * `base`, `caseId`, `accepted` and `events`), so that it can be run, shown or saved as a draft's example anywhere.
 * @example readExample('rules/sichuan/examples/supplement-stops-clock.example.json').case.events
 */
export function readExample(file: string, cache: BaseCache = new Map()): ResolvedExample {
  const example = parseAndValidate<RuleExample>('example', readFileSync(file, 'utf8'), file)
  const { base: _base, caseId: _caseId, accepted: _accepted, events: _events, ...rest } = example
  return { ...rest, case: exampleCase(example, file, cache) }
}

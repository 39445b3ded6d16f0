/** Whether two environments give a case the same facts on a day: the same inputs to the fold and to deriveFacts. */
import { ruleSetFor, type Environment } from '../evaluation/evaluation.js'

/**
 * What of an environment, for a jurisdiction on a day, the fold and the facts read besides the case: the packs in force
 * that day, all they hold but what only rules read. Their deadline policies make the policy, their penalty policies and
 * discretion standards the penalty context; the text is made once per list of packs (a view serves many days).
 */
function inputsKey(env: Environment, jurisdiction: string, day: string): string {
  const { packs } = ruleSetFor(env, jurisdiction).view(day)
  return once(packs, () => JSON.stringify(packs.map((p) => beyondRules(p.pack))))
}

const texts = new WeakMap<object, string>()
const once = (of: object, make: () => string): string => {
  let text = texts.get(of)
  if (text === undefined) {
    text = make()
    texts.set(of, text)
  }
  return text
}

/**
 * A pack without what only its rules read (the rules, the parameters only they read, shared conditions) and without
 * its words: whatever else it holds, the fold or the facts may read, with the parameters its policies cite.
 */
function beyondRules(pack: object): object {
  const rest = Object.fromEntries(Object.entries(pack).filter(([k]) => !RULES_ONLY.has(k)))
  const parameters = (pack as { parameters?: readonly { id: string }[] }).parameters
  if (!parameters?.length) return rest
  // a parameter the deadline or penalty policy reads ({ "param": id } outside the rules) is an input of the facts
  const text = JSON.stringify(rest)
  const read = parameters.filter((p) => text.includes(`"param":${JSON.stringify(p.id)}`))
  return read.length ? { ...rest, parameters: read } : rest
}
const RULES_ONLY = new Set(['rules', 'parameters', 'sharedConditions', 'title', 'description', '$schema'])

/** The layers' dates and deadline policies: which pack gave a matter its limit, and when it lapses (the law's day). */
function layersKey(env: Environment, jurisdiction: string): string {
  return JSON.stringify(
    ruleSetFor(env, jurisdiction).layers.map((p) => [
      p.pack.id,
      p.pack.effectiveFrom,
      p.pack.effectiveUntil ?? null,
      p.pack.validityAssumption ?? null,
      p.pack.deadlinePolicy ?? null,
    ]),
  )
}

/**
 * Compares, once per jurisdiction and day, what the in-force and the draft environments feed the fold and the facts;
 * where they agree a case's facts are the same under both, and only the draft's rules need to run on them.
 * @example const same = new SameFacts(inForce, draft); same.on('513222', '2025-10-31') // true when the draft changes only rules
 */
export class SameFacts {
  /** By jurisdiction, then by day: no key text built per evaluation. */
  private readonly days = new Map<string, Map<string, boolean>>()
  private readonly layers = new Map<string, boolean>()

  constructor(
    private readonly a: Environment,
    private readonly b: Environment,
  ) {}

  /** True when the fold and the facts of a case in `jurisdiction` read the same policy and penalty context on `day`. */
  on(jurisdiction: string, day: string): boolean {
    let byDay = this.days.get(jurisdiction)
    if (!byDay) {
      byDay = new Map()
      this.days.set(jurisdiction, byDay)
    }
    let same = byDay.get(day)
    if (same === undefined) {
      same =
        this.ofLayers(jurisdiction) && inputsKey(this.a, jurisdiction, day) === inputsKey(this.b, jurisdiction, day)
      byDay.set(day, same)
    }
    return same
  }

  private ofLayers(jurisdiction: string): boolean {
    let same = this.layers.get(jurisdiction)
    if (same === undefined) {
      same = layersKey(this.a, jurisdiction) === layersKey(this.b, jurisdiction)
      this.layers.set(jurisdiction, same)
    }
    return same
  }
}

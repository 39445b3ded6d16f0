/**
 * Which facts a parameter may stand for the value of, and which parameters fit which fact.
 *
 * A parameter is a number with a unit (working days, days, hours, times, platforms, notices, yuan). Every fact whose
 * type is a number — integer counts and days included (the API serves JSON Schema's integer as number) — may be
 * compared with one. No other fact takes one:
 * - a date (statutoryDueDate, acceptedOnByLaw …) is a day, not a number of them: comparing it with "5 working days"
 *   needs date arithmetic the condition language does not have; the clock's own facts (statutoryDaysLeft …) are the
 *   counted days to compare instead;
 * - a boolean, an enumerated or free string, a list or an object has no number to compare.
 */

/** What of a fact (as GET /rule-packs/facts serves it) decides: its JSON type and its unit. */
interface FactShape {
  readonly type: string
  readonly unit?: string | null
}

/** The units of the parameters that fit a fact of each unit the API names (its `unit`, in Chinese). */
const FITTING: Readonly<Record<string, readonly string[]>> = {
  工作日或日: ['workingDays', 'calendarDays'],
  日: ['workingDays', 'calendarDays'],
  小时: ['hours'],
  次: ['times', 'notices', 'platforms'],
  元: ['yuan'],
}

/**
 * Whether the builder offers parameters as the value of this fact: every number fact.
 * @example takesParameter({ type: 'number' }) // true; takesParameter({ type: 'string' }) // false (a date too)
 */
export const takesParameter = (fact: FactShape): boolean => fact.type === 'number'

/**
 * Whether a parameter's unit fits a fact's: days for days, hours for hours, counts for counts, yuan for yuan; a fact
 * with no unit of its own fits any.
 * @example parameterFits('工作日或日', 'workingDays') // true; parameterFits('元', 'hours') // false
 */
export function parameterFits(factUnit: string | null | undefined, parameterUnit: string): boolean {
  if (!factUnit) return true
  return FITTING[factUnit]?.includes(parameterUnit) ?? true
}

/**
 * The parameters offered for a fact: those whose unit fits first, the others after them, marked.
 * @example parametersFor(fact, params, (p) => p.label, '（单位不同）')
 */
export function parametersFor<P extends { id: string; unit: string }>(
  fact: FactShape | undefined,
  parameters: readonly P[],
  label: (p: P) => string,
  otherUnit: string,
): { name: string; value: string; label: string }[] {
  const fits = (p: P) => parameterFits(fact?.unit, p.unit)
  return [...parameters.filter(fits), ...parameters.filter((p) => !fits(p))].map((p) => ({
    name: p.id,
    value: p.id,
    label: fits(p) ? label(p) : `${label(p)}${otherUnit}`,
  }))
}

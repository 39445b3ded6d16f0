/** The time policy that governs a case: its power type's, under that power's own law (行政许可法, 行政处罚法), or none. */
import type { CommonPowerType, DeadlinePolicy, PowerTypePolicy } from '../types/generated.js'

/**
 * The policy of a case of `powerType` (`matterType` case); a matter, or a type no pack in force gives one, has none —
 * no extension cap, clock stop or limit is invented for it.
 * @example timePolicyOf(view.policy, 'case', 'licensing')?.extension?.maxWorkingDays // 10 (行政许可法 第四十二条)
 */
export function timePolicyOf(
  policy: DeadlinePolicy | undefined,
  matterType: string,
  powerType: CommonPowerType,
): PowerTypePolicy | undefined {
  return matterType === 'case' ? policy?.powerTypes?.[powerType] : undefined
}

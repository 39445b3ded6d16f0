import { cpSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import { jurisdictionChain } from '../../src/utils/jurisdiction-code.js'
import { replayCase } from '../../src/evaluation/replay.js'
import { accepted, caseFile } from '../support/case-builder.js'

const RULES = new URL('../../rules', import.meta.url).pathname
const FIXTURE = new URL('../fixtures/calendar-local/513200/2025.json', import.meta.url).pathname

/** The shipped rules plus a (fictional, test-only) 阿坝州 local holiday layer for 2025: 羌历年 11月20日–22日. */
function rulesWithAbaLayer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xingquan-env-'))
  cpSync(RULES, dir, { recursive: true })
  mkdirSync(join(dir, 'calendar/local/513200'), { recursive: true })
  cpSync(FIXTURE, join(dir, 'calendar/local/513200/2025.json'))
  return dir
}

describe('each case counts on its own jurisdiction calendar', () => {
  it('chains a code to those above it', () => {
    expect(jurisdictionChain('513222')).toEqual(['510000', '513200', '513222'])
    expect(jurisdictionChain('510000')).toEqual(['510000'])
  })

  it("a 理县 case skips 阿坝州's local holidays; a 成都 case does not", () => {
    const env = loadEnvironment(rulesWithAbaLayer())
    // 20 working days from 2025-11-10: nationally 12月8日; 阿坝州 rests 11月20日 (四) and 21日 (五), so 12月10日
    const lixian = replayCase(env, caseFile([accepted('2025-11-10')]), { at: '2025-11-11T09:00:00+08:00' })
    expect(lixian.asOf!.facts.statutoryDueDate).toBe('2025-12-10')
    const chengdu = replayCase(
      env,
      caseFile([
        accepted('2025-11-10', {
          department: { code: 'cd-scjgj', name: '成都市市场监督管理局', jurisdiction: '510100' },
        }),
      ]),
      {
        at: '2025-11-11T09:00:00+08:00',
      },
    )
    expect(chengdu.asOf!.facts.statutoryDueDate).toBe('2025-12-08')
    // the shipped rules have no local layer: the same 理县 case counts nationally
    expect(
      replayCase(loadEnvironment(), caseFile([accepted('2025-11-10')]), { at: '2025-11-11T09:00:00+08:00' }).asOf!.facts
        .statutoryDueDate,
    ).toBe('2025-12-08')
  })
})

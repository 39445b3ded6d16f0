import { describe, expect, it } from 'vitest'
import { runTestExamples } from '../src/cli/test-examples.js'

describe('the examples kept beside the shipped rules', () => {
  it('all pass, and every rule has an example that fires and one that stays silent', () => {
    const r = runTestExamples([])
    expect(r.stdout).not.toMatch(/失败 FAIL|缺样例 MISSING/)
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/\d+ passed, 0 failed/)
  })
})

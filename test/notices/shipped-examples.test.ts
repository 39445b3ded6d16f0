/** Every notice the shipped rules call for in the shipped examples renders: no error, no blank, no stray value. */
import { describe, expect, it } from 'vitest'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import { replayCase } from '../../src/evaluation/replay.js'
import { loadExamples } from '../../src/examples/run-example.js'
import { composeNotices, type NoticeSelection } from '../../src/notices/compose-notices.js'
import { FileNoticeNumberIssuer } from '../../src/notices/file-number-issuer.js'
import { NoticeRenderer } from '../../src/notices/notice-renderer.js'
import { loadOrgansOrThrow } from '../../src/notices/organs.js'
import { library, tempDir } from './harness.js'

describe('notices of the shipped examples', () => {
  it('render for every firing that calls for one, without error, blank or stray value', async () => {
    const env = loadEnvironment()
    const deps = {
      env,
      renderer: new NoticeRenderer(library(), env.calendar),
      organs: loadOrgansOrThrow(),
      issuer: new FileNoticeNumberIssuer(tempDir()),
    }
    const { examples } = loadExamples('rules')
    const made = new Map<string, number>()
    const failures: string[] = []
    for (const { file, example } of examples) {
      const replay = replayCase(env, example.case, { at: example.at })
      const selections: NoticeSelection[] = [
        ...replay.evaluations
          .filter((e) => e.firings.some((f) => f.notice))
          .map((e) => ({ event: e.sequence!, at: example.at })),
        ...(replay.asOf?.firings.some((f) => f.notice) ? [{ at: example.at }] : []),
      ]
      for (const selection of selections) {
        try {
          const { notices } = await composeNotices(deps, example.case, selection)
          for (const n of notices) {
            made.set(n.template, (made.get(n.template) ?? 0) + 1)
            const where = `${file} ${JSON.stringify(selection)} ${n.ruleId}`
            if (/undefined|NaN|\[object Object\]|null/.test(n.text)) failures.push(`${where}: stray value`)
            if (!n.text.includes(n.number.text) || !n.text.includes(`${n.context.addressee.name}：`))
              failures.push(`${where}: number or addressee missing`)
            if (/（）|“”|：。|，。/.test(n.text)) failures.push(`${where}: a blank`)
          }
        } catch (err) {
          failures.push(`${file} ${JSON.stringify(selection)}: ${(err as Error).message}`)
        }
      }
    }
    expect(failures).toEqual([])
    expect([...made.keys()]).toEqual(
      expect.arrayContaining(['accountability-finding', 'rectification-order', 'red-alarm', 'yellow-warning']),
    )
  })
})

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/run-cli.js'
import { appendEvent } from '../../src/service/append-event.js'
import { openRuntime } from '../../src/service/runtime.js'
import { SEEDER } from '../../src/service/seed.js'
import type { RulePack } from '../../src/types/generated.js'
import { licensingCase, NEAR, withMargin } from './impact-helpers.js'

const AT = '2025-10-23T09:00:00+08:00'
const root = mkdtempSync(join(tmpdir(), 'xingquan-impact-cli-'))
const dataDir = join(root, 'data')
const shipped = JSON.parse(
  readFileSync(new URL('../../rules/sichuan/electronic-supervision.pack.json', import.meta.url), 'utf8'),
) as RulePack

/** A draft directory holding `pack` as its one file. */
function draftDir(name: string, pack: unknown): string {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'electronic-supervision.pack.json'),
    typeof pack === 'string' ? pack : JSON.stringify(pack, null, 2),
  )
  return dir
}

beforeAll(async () => {
  const rt = await openRuntime({ dataDir, checkpointKey: 'memory' })
  try {
    for (const file of [
      licensingCase('cli-five-left', '2025-09-26T09:30:00+08:00'),
      licensingCase('cli-twelve-left', '2025-10-13T09:30:00+08:00'),
    ]) {
      for (const event of file.events) await appendEvent(rt, SEEDER, file.caseId, event)
    }
  } finally {
    await rt.close()
  }
}, 60_000)
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('xingquan impact', () => {
  it('lists the case a wider yellow margin turns yellow, the summary first', async () => {
    const pack = structuredClone(shipped)
    withMargin(5)(pack)
    const r = await runCli([
      'impact',
      '--draft',
      draftDir('margin-5', pack),
      '--data-dir',
      dataDir,
      '--at',
      AT,
      '--workers',
      '0',
    ])
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/^草稿影响：回放至 2025-10-23T09:00:00\+08:00/)
    expect(r.stdout).toContain(
      '回放办件 2 个、事件 2 个；结果有变 1 个，其中级别改变 1 个 / 2 cases and 2 events replayed; 1 change, 1 of them in level',
    )
    expect(r.stdout).toContain(`${NEAR}：多触发 1 个办件、不再触发 0 个 / appears in 1 cases, disappears from 0`)
    expect(r.stdout).toContain('cli-five-left  理县市场监督管理局（lx-scjgj）  无预警(none) → 黄灯(yellow)')
    expect(r.stdout).not.toContain('cli-twelve-left')
  }, 60_000)

  it('says so when the draft changes nothing, and gives JSON when asked', async () => {
    const r = await runCli([
      'impact',
      '--draft',
      draftDir('same', shipped),
      '--data-dir',
      dataDir,
      '--at',
      AT,
      '--json',
    ])
    expect(r.exitCode).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ cases: 2, changed: 0, details: [] })
    const text = await runCli([
      'impact',
      '--draft',
      draftDir('same', shipped),
      '--data-dir',
      dataDir,
      '--at',
      AT,
      '--workers',
      '0',
    ])
    expect(text.stdout).toContain('本草稿不改变任何已存办件的结果 / this draft changes no stored case')
  }, 60_000)

  it('refuses a bad draft directory, in Chinese and English, with exit 2 and nothing replayed', async () => {
    const missing = await runCli(['impact', '--draft', join(root, 'nowhere'), '--data-dir', dataDir])
    expect(missing).toMatchObject({ exitCode: 2, stdout: '' })
    expect(missing.stderr).toMatch(
      /\[DRAFT_DIR_NOT_FOUND\] 找不到草稿目录 .*nowhere \/ draft directory not found: .*nowhere/,
    )

    const empty = join(root, 'empty')
    mkdirSync(empty, { recursive: true })
    const none = await runCli(['impact', '--draft', empty, '--data-dir', dataDir])
    expect(none).toMatchObject({ exitCode: 2, stdout: '' })
    expect(none.stderr).toContain('[DRAFT_EMPTY] 草稿目录')
    expect(none.stderr).toContain('holds no rule pack (*.pack.json)')

    const { citation: _c, ...uncited } = shipped.rules[0]!
    const invalid = await runCli([
      'impact',
      '--draft',
      draftDir('uncited', { ...shipped, rules: [uncited, ...shipped.rules.slice(1)] }),
      '--data-dir',
      dataDir,
    ])
    expect(invalid).toMatchObject({ exitCode: 2, stdout: '' })
    expect(invalid.stderr).toMatch(
      /electronic-supervision\.pack\.json:\d+:\d+ \/rules\/0 \[SCHEMA_INVALID\] 缺少必填字段“citation” \/ missing required property "citation"/,
    )

    const broken = await runCli(['impact', '--draft', draftDir('broken', '{ "id": '), '--data-dir', dataDir])
    expect(broken).toMatchObject({ exitCode: 2, stdout: '' })
    expect(broken.stderr).toContain('JSON_INVALID')
  })

  it('refuses bad arguments with exit 2', async () => {
    expect(await runCli(['impact', '--data-dir', dataDir])).toMatchObject({
      exitCode: 2,
      stderr: '[DRAFT_MISSING] 请用 --draft 给出草稿目录 / give the draft directory with --draft\n',
    })
    const at = await runCli(['impact', '--draft', root, '--at', 'yesterday'])
    expect(at).toMatchObject({ exitCode: 2 })
    expect(at.stderr).toContain(
      '[MOMENT_INVALID] 时刻“yesterday”不是带时区的 ISO 8601 格式 / "yesterday" is not an ISO 8601 moment with an offset',
    )
    expect((await runCli(['impact', '--draft', root, '--workers', 'many'])).stderr).toContain('[WORKERS_INVALID]')
    expect((await runCli(['impact', '--colour'])).stderr).toContain('[ARGUMENT_INVALID]')
    expect((await runCli(['impact', '--help'])).stdout).toContain('xingquan impact --draft DIR')
    const noStore = await runCli(['impact', '--draft', draftDir('same', shipped), '--data-dir', join(root, 'no-store')])
    expect(noStore).toMatchObject({ exitCode: 2, stdout: '' })
    expect(noStore.stderr).toMatch(
      /^\[DATA_DIR_NOT_FOUND\] .*no-store 中没有数据库（pglite） \/ no database \(pglite\) in .*no-store\n$/,
    )
  })
})

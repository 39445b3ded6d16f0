import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/run-cli.js'

describe('xingquan --help', () => {
  it.each(['deadline', 'replay', 'lint', 'test', 'notice', 'start', 'serve', 'verify'])(
    '`xingquan %s --help` prints its usage and exits 0, without an error line',
    async (name) => {
      for (const flag of ['--help', '-h']) {
        const r = await runCli([name, flag])
        expect(r).toMatchObject({ exitCode: 0, stderr: '' })
        expect(r.stdout).toMatch(/用法|Usage/)
        expect(r.stdout).toContain(`xingquan ${name}`)
        expect(r.stdout).not.toMatch(/ARGUMENT_INVALID/)
      }
    },
  )

  it('lists the commands when asked, and refuses an unknown one with exit 2', async () => {
    for (const argv of [[], ['help'], ['--help']]) expect(await runCli(argv)).toMatchObject({ exitCode: 0, stderr: '' })
    const unknown = await runCli(['sevre'])
    expect(unknown.exitCode).toBe(2)
    expect(unknown.stderr).toContain('COMMAND_UNKNOWN')
  })

  it('a --help after -- is an argument, not a request for help', async () => {
    const r = await runCli(['test', '--', '--help'])
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toContain('DIRECTORY_NOT_FOUND')
  })
})

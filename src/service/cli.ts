/** Runs the service commands directly (`tsx src/service/cli.ts serve|verify …`) until the main CLI wires them. */
import { runServe } from './serve.js'
import { runVerify } from './verify-command.js'

const [name, ...rest] = process.argv.slice(2)
const command = name === 'serve' ? runServe : name === 'verify' ? runVerify : undefined
if (!command) {
  process.stdout.write('usage: tsx src/service/cli.ts serve|verify [options]\n')
  process.exitCode = 2
} else {
  const result = await command(rest)
  process.stdout.write(result.stdout)
  process.stderr.write(result.stderr)
  process.exitCode = result.exitCode
}

import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // the service's log (src/service/logger.ts) stays quiet in tests unless LOG_LEVEL asks for it
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
  },
})

import './src-main/common/require-node.mjs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    // Generous: the CLI suites spawn real processes with real Argon2 on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 30_000,
    // Native SQLCipher handles and Argon2 work are safest in separate processes.
    pool: 'forks',
  },
});

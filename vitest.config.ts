import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores: a single worker on the 2-core CI
    // machine. Two measured 393 s against 641 s for the whole API suite.
    maxWorkers: 2,
    // Cheaper password hashing in tests; production keeps N=2^15 (the cost is in each hash).
    env: { KEGUAN_SCRYPT_LOG2N: "10" },
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Cheaper password hashing in tests; production keeps N=2^15 (the cost is in each hash).
    env: { KEGUAN_SCRYPT_LOG2N: "10" },
  },
});

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Browser tests against the real server: one file at a time, generous startup time
// (global-setup.ts migrates and seeds the demo county once; each file copies that folder).
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/e2e/**/*.e2e.test.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: "forks",
    fileParallelism: false,
  },
});

import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startServer } from "./server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Data folder of a server that started once on a new folder (demo county seeded). */
    keguanE2eTemplate: string;
  }
}

/**
 * Starts the server once on a new data folder, as a user's first start does (initdb,
 * migrations, demo seed), and stops it; each test file's server starts on a copy.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const first = await startServer({ keepData: true });
  await first.stop();
  project.provide("keguanE2eTemplate", first.dataDir);
  return () => rmSync(first.dataDir, { recursive: true, force: true });
}

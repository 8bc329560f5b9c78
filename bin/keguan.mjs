#!/usr/bin/env node
// Entry point of the keguan CLI: registers the TypeScript loader, then runs src/cli/main.ts.
//
// V8's young generation can only be sized when node starts. On the embedded database
// (no DATABASE_URL) one process holds everything — the database's WASM heap, the HTTP
// server, the parsing of an import — and small semi-spaces (2 MB instead of V8's 16) keep a
// million-patent import at ~390 MB instead of ~480 MB. With PostgreSQL the database is
// another process and the default size is faster: a 100,000-row XLSX patent import took
// ~13% less time (3.5-4.1 s against 3.8-5.3 s), since the small young generation makes the
// main thread and the parsing worker collect garbage several times as often. So on the
// embedded database the CLI starts itself once more with the flag, unless node was started
// with it (as `npm start` does).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const SMALL_YOUNG_GENERATION = "--max-semi-space-size=2";
const embedded = !process.env.DATABASE_URL;
const flagged = process.execArgv.some((a) => a.startsWith("--max-semi-space-size"));

if (embedded && !flagged) {
  const child = spawn(
    process.execPath,
    [
      SMALL_YOUNG_GENERATION,
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: "inherit" },
  );
  // The child decides how a signal ends it (the server stops gracefully); this process
  // passes signals on and ends as the child ends.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
} else {
  const { register } = await import("tsx/esm/api");
  register();
  const { main } = await import("../src/cli/main.ts");
  await main(process.argv.slice(2));
}

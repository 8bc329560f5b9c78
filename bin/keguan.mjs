#!/usr/bin/env node
// Entry point of the keguan CLI: registers the TypeScript loader, then runs src/cli/main.ts.
//
// V8's heap can only be sized when node starts. On the embedded database (no DATABASE_URL)
// one process holds everything — the database's WASM heap, the HTTP server, the parsing of
// an import — and two flags keep an import's memory flat: small semi-spaces (2 MB instead of
// V8's 16) and an old generation collected once it has grown by 20% (V8 lets it grow much
// further between collections). A 300,000-row patent import peaked at 301-307 MB with both
// against 364-397 MB with the first alone, in the same time. With PostgreSQL the database
// is another process and V8's defaults are faster: a 100,000-row XLSX patent import took
// ~13% less time without the small semi-spaces (the main thread and the parsing worker
// collected garbage several times as often). So on the embedded database the CLI starts
// itself once more with the flags, unless node was started with them (as `npm start` is).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const EMBEDDED_FLAGS = ["--max-semi-space-size=2", "--heap-growing-percent=20"];
const embedded = !process.env.DATABASE_URL;
const missing = EMBEDDED_FLAGS.filter(
  (flag) => !process.execArgv.some((a) => a.startsWith(flag.split("=")[0] ?? flag)),
);

if (embedded && missing.length > 0) {
  const child = spawn(
    process.execPath,
    [...missing, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
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

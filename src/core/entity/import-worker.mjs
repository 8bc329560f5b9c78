// Entry of the import worker thread (see import-in-worker.ts). Node 20 applies no `--import`
// loader to a worker's own entry file, so the TypeScript loader is registered here, as
// bin/keguan.mjs does for the CLI, before the worker's TypeScript is loaded. Resolving
// "tsx" from this file (not from the working directory) keeps it working wherever the
// process was started.
import { register } from "tsx/esm/api";

register();
await import("./import-worker.ts");

#!/usr/bin/env node
// Entry point of the keguan CLI: registers the TypeScript loader, then runs src/cli/main.ts.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
await main(process.argv.slice(2));

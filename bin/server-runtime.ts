// Run a command-line entry as server code: `import "server-only"` in lib/db.ts, lib/services, lib/ingest and
// lib/store resolves to the package's empty module (see server-only-hook.mjs). Import this first, then load
// the entry's modules with a dynamic import(): a static import graph is resolved before any of it runs.
import { register } from "node:module";

register("./server-only-hook.mjs", import.meta.url);

// The venuescope command (`npm run -s venuescope -- <command>`): the CLI in bin/cli.ts, run as server code
// (bin/server-runtime.ts lets its modules' `import "server-only"` resolve, as Next.js does on the server).
import "./server-runtime";

await import("./cli");

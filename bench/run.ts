// `npm run bench`: the benchmarks in bench/main.ts, run as server code (see bin/server-runtime.ts).
import "../bin/server-runtime";

await import("./main");

// The import rules of ARCHITECTURE.md, checked on every .ts/.tsx file: the pure core (metrics, scoring,
// stress) reaches no database, framework, network, file system, service or export; client components reach
// no server module; the layers below services never reach up; lib/ has no import circle. Imports are read with
// TypeScript's own scanner (ts.preProcessFile: static, type-only, re-exports and dynamic import() alike), and
// a failure prints the chain of imports that breaks the rule.
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const SOURCE_DIRS = ["app", "components", "lib", "bin", "scripts", "bench", "prisma", "tests"];
const SKIP_DIRS = new Set(["node_modules", ".next", "generated", "fixtures", "test-output"]);
const BUILTINS = new Set(builtinModules);

interface Module {
  file: string;
  /** Project files this one imports (resolved, repo-relative). */
  local: string[];
  /** Packages it imports: "next", "@prisma/client", "node:fs" (builtins always with "node:"). */
  packages: string[];
  useClient: boolean;
  serverOnly: boolean;
  callsFetch: boolean;
  isTest: boolean;
}

function walk(dir: string, out: string[]): void {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    if (SKIP_DIRS.has(e.name) || e.name.startsWith(".")) continue;
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) walk(rel, out);
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(rel);
  }
}

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? spec.slice(2) : spec.startsWith(".") ? path.join(path.dirname(from), spec) : null;
  if (base === null) return null;
  const stem = path.normalize(base).replace(/\.js$/, "");
  for (const c of [stem, `${stem}.ts`, `${stem}.tsx`, path.join(stem, "index.ts"), path.join(stem, "index.tsx")]) {
    if (fs.existsSync(path.join(ROOT, c)) && fs.statSync(path.join(ROOT, c)).isFile()) return c;
  }
  return `${stem} (unresolved)`;
}

function packageOf(spec: string): string {
  const bare = spec.startsWith("node:") ? spec.slice(5) : spec;
  if (BUILTINS.has(bare) || BUILTINS.has(bare.split("/")[0])) return `node:${bare.split("/")[0]}`;
  // The tsconfig alias of the generated SQLite client.
  if (spec === "@venuescope/prisma-client") return "@prisma/client";
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** A call of the global fetch (fetch(...) or globalThis.fetch(...)) anywhere in the file. */
function callsGlobalFetch(source: ts.SourceFile): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      const e = n.expression;
      if ((ts.isIdentifier(e) && e.text === "fetch") || (ts.isPropertyAccessExpression(e) && e.name.text === "fetch" && ts.isIdentifier(e.expression) && ["globalThis", "window", "self"].includes(e.expression.text))) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

function loadGraph(): Map<string, Module> {
  const files: string[] = [];
  for (const d of SOURCE_DIRS) if (fs.existsSync(path.join(ROOT, d))) walk(d, files);
  const graph = new Map<string, Module>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const info = ts.preProcessFile(text, true, true);
    const local: string[] = [];
    const packages: string[] = [];
    for (const { fileName } of info.importedFiles) {
      const target = resolveLocal(file, fileName);
      if (target) local.push(target);
      else packages.push(packageOf(fileName));
    }
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const first = source.statements[0];
    graph.set(file, {
      file,
      local,
      packages,
      useClient: !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use client",
      serverOnly: info.importedFiles.some((i) => i.fileName === "server-only"),
      callsFetch: callsGlobalFetch(source),
      isTest: /\.(test|e2e)\.tsx?$/.test(file) || file.startsWith("tests/"),
    });
  }
  return graph;
}

const graph = loadGraph();
const inDir = (file: string, ...dirs: string[]) => dirs.some((d) => file === `${d}.ts` || file.startsWith(`${d}/`));

/**
 * Breadth-first from `start` over local imports (not entering test files); the first module (or package)
 * `bad` accepts, with the chain of imports that reaches it, or null.
 */
function firstReach(start: string, bad: (m: Module | null, pkgOrFile: string) => string | null): string | null {
  const prev = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  const chain = (end: string) => {
    const out = [end];
    for (let p = prev.get(end); p; p = prev.get(p)) out.unshift(p);
    return out.join("\n    -> ");
  };
  while (queue.length) {
    const f = queue.shift()!;
    const m = graph.get(f) ?? null;
    const why = bad(m, f);
    if (why && f !== start) return `${chain(f)}  (${why})`;
    if (!m) continue;
    for (const p of m.packages) {
      const pWhy = bad(null, `pkg:${p}`);
      if (pWhy) return `${chain(f)}\n    -> ${p}  (${pWhy})`;
    }
    for (const next of m.local) {
      if (prev.has(next) || graph.get(next)?.isTest) continue;
      prev.set(next, f);
      queue.push(next);
    }
  }
  return null;
}

const sourceModules = [...graph.values()].filter((m) => !m.isTest);

describe("architecture rules", () => {
  it("reads the whole project", () => {
    expect(graph.size).toBeGreaterThan(300);
    expect(graph.get("lib/metrics/book.ts")?.local).toContain("lib/metrics/types.ts");
    expect([...graph.values()].filter((m) => m.useClient).length).toBeGreaterThan(20);
    expect(sourceModules.flatMap((m) => m.local.filter((l) => l.endsWith("(unresolved)")).map((l) => `${m.file} -> ${l}`))).toEqual([]);
  });

  it("keeps lib/metrics, lib/scoring and lib/stress pure: no database, framework, network, file system, service or export", () => {
    const FORBIDDEN_PACKAGES = /^(@prisma\/|prisma$|next$|better-sqlite3$|pg$|ccxt$|pdfkit$|server-only$|node:(fs|http|https|net|child_process|dgram|tls)$)/;
    const violations: string[] = [];
    for (const m of sourceModules.filter((x) => inDir(x.file, "lib/metrics", "lib/scoring", "lib/stress"))) {
      if (m.callsFetch) violations.push(`${m.file}  (calls the global fetch)`);
      const reach = firstReach(m.file, (mod, f) => {
        if (f.startsWith("pkg:")) return FORBIDDEN_PACKAGES.test(f.slice(4)) ? "forbidden package" : null;
        // lib/venues/types.ts is the connectors' row contract (types and constants only): margin tiers and
        // provenance are defined there once and the stress engine reads them.
        if (f === "lib/venues/types.ts") return null;
        if (/^lib\/db(-[a-z]+)?\.ts$/.test(f) || inDir(f, "lib/services", "lib/reports", "lib/export", "lib/ingest", "lib/store", "lib/api", "lib/queries", "lib/venues", "lib/simulator", "lib/bootstrap")) return "not part of the pure core";
        if (mod?.callsFetch) return "calls the global fetch";
        return null;
      });
      if (reach) violations.push(reach);
    }
    expect(violations, `pure-core rule broken:\n  ${violations.join("\n  ")}`).toEqual([]);
  });

  it("keeps client components away from server modules", () => {
    const SERVER_PACKAGES = /^(@prisma\/|prisma$|better-sqlite3$|pg$|ccxt$|pdfkit$|server-only$|node:)/;
    const violations: string[] = [];
    for (const m of sourceModules.filter((x) => x.useClient)) {
      const reach = firstReach(m.file, (mod, f) => {
        if (f.startsWith("pkg:")) return SERVER_PACKAGES.test(f.slice(4)) ? "server package" : null;
        if (/^lib\/db(-[a-z]+)?\.ts$/.test(f) || f === "lib/env.ts" || f === "lib/env-core.ts" || inDir(f, "lib/services", "lib/ingest", "lib/store", "lib/export", "lib/api", "lib/bootstrap", "lib/simulator", "lib/facts", "lib/incidents")) return "server module";
        if (mod?.serverOnly) return 'marked import "server-only"';
        return null;
      });
      if (reach) violations.push(reach);
    }
    expect(violations, `client/server line crossed:\n  ${violations.join("\n  ")}`).toEqual([]);
  });

  it('marks the server side with import "server-only"', () => {
    const server = sourceModules.filter((m) => m.file === "lib/db.ts" || inDir(m.file, "lib/services", "lib/ingest", "lib/store"));
    expect(server.length).toBeGreaterThan(30);
    expect(server.filter((m) => !m.serverOnly).map((m) => m.file)).toEqual([]);
  });

  it("lets each layer import only the layers below it", () => {
    // layer -> what it must never reach (directly or through another module)
    const RULES: [string[], string[], string][] = [
      [["lib/views", "lib/reports", "lib/queries"], ["lib/db", "lib/services", "lib/ingest", "lib/store", "lib/export", "lib/api", "lib/simulator", "lib/bootstrap"], "client-safe modules import nothing server-side"],
      [["lib/export"], ["lib/db", "lib/services", "lib/ingest", "lib/store", "lib/api", "lib/simulator", "lib/bootstrap"], "exports render what they are given; they load nothing"],
      [["lib/venues"], ["lib/db", "lib/services", "lib/ingest", "lib/store", "lib/export", "lib/simulator", "lib/bootstrap", "lib/reports"], "connectors fetch and parse; they store nothing"],
      [["lib/ingest", "lib/store"], ["lib/services", "lib/simulator", "lib/bootstrap", "lib/export", "lib/api"], "the pipeline stores; it does not read views, simulate or bootstrap"],
      [["lib/services"], ["lib/api", "lib/bootstrap", "lib/simulator", "lib/ingest"], "services are the data-access layer; HTTP and entry points sit above them"],
    ];
    const layerOf = (f: string) => (/^lib\/db(-[a-z]+)?\.ts$/.test(f) ? "lib/db" : f);
    const violations: string[] = [];
    for (const [layers, forbidden, why] of RULES) {
      for (const m of sourceModules.filter((x) => inDir(x.file, ...layers))) {
        const reach = firstReach(m.file, (_mod, f) => (!f.startsWith("pkg:") && inDir(layerOf(f), ...forbidden) && !inDir(f, ...layers) ? why : null));
        if (reach) violations.push(reach);
      }
    }
    expect(violations, `layer rule broken:\n  ${violations.join("\n  ")}`).toEqual([]);
  });

  it("has no import circle in lib/", () => {
    const lib = sourceModules.filter((m) => m.file.startsWith("lib/")).map((m) => m.file);
    const inLib = new Set(lib);
    // Tarjan's strongly connected components; each component of two or more modules is a circle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    const strong = (v: string): void => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v)!.local.filter((x) => inLib.has(x))) {
        if (!idx.has(w)) {
          strong(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || graph.get(v)!.local.includes(v)) circles.push(comp);
      }
    };
    for (const v of lib) if (!idx.has(v)) strong(v);
    // Print one concrete loop per circle: a path from its first module back to itself.
    const loops = circles.map((comp) => {
      const set = new Set(comp);
      const startAt = comp.sort()[0];
      const prev = new Map<string, string>();
      const queue = [startAt];
      while (queue.length) {
        const f = queue.shift()!;
        for (const n of graph.get(f)!.local) {
          if (n === startAt) {
            const loop = [startAt];
            for (let p: string | undefined = f; p && p !== startAt; p = prev.get(p)) loop.splice(1, 0, p);
            return [...loop, startAt].join(" -> ");
          }
          if (set.has(n) && !prev.has(n)) {
            prev.set(n, f);
            queue.push(n);
          }
        }
      }
      return comp.join(", ");
    });
    expect(loops, `import circles in lib/:\n  ${loops.join("\n  ")}`).toEqual([]);
  });

  it("writes the hour and the day in milliseconds once, in lib/metrics/time.ts (#14.5)", () => {
    const CANONICAL = "lib/metrics/time.ts";
    const literal = /\b(3_?600_?000|86_?400_?000|36e5|864e5)\b/;
    const localCopy = /\bconst\s+(DAY|HOUR|MINUTE)(_MS)?\s*=/;
    const copies = sourceModules
      .filter((m) => !m.isTest && m.file !== CANONICAL)
      .flatMap((m) =>
        fs
          .readFileSync(path.join(ROOT, m.file), "utf8")
          .split("\n")
          .map((line, i) => ({ line: line.replace(/\/\/.*$/, ""), at: `${m.file}:${i + 1}` }))
          .filter(({ line }) => literal.test(line) || localCopy.test(line))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(copies, `import HOUR_MS / DAY_MS from ${CANONICAL} instead of:\n  ${copies.join("\n  ")}`).toEqual([]);
    // The rule can fail: a copy of the kind it forbids is caught.
    expect(localCopy.test("const DAY_MS = 86_400_000;") && literal.test("x / 3_600_000")).toBe(true);
  });
});

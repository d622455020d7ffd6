// Module-resolution hook for the command-line entries (registered by bin/server-runtime.ts). Server modules
// say `import "server-only"`; that package throws unless resolved with the "react-server" condition, which
// Next.js sets for server code. A CLI process is server code too, so it resolves the marker the same way.
// Plain JavaScript: Node runs resolution hooks in their own thread, before any TypeScript loader.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return nextResolve(specifier, context);
}

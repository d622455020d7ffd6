// The PostgreSQL driver adapter for the Prisma CLI only (prisma.config.ts), never for the app (lib/db.ts).
// Prisma 6.19's WebAssembly schema engine drives PrismaPg in two ways the plain adapter does not handle:
// - it introspects the catalog, whose `name` (and `"char"`) columns PrismaPg rejects ("Column type 'name'
//   could not be deserialized"), so `migrate deploy`, `migrate status` and `db push` fail; those values
//   arrive as strings from pg anyway, so they are declared text;
// - it runs a migration through executeScript, which PrismaPg splits on every ";" (breaking quoted
//   semicolons and running the statements outside one transaction); here the script goes to the server
//   whole, as one simple-protocol query, which PostgreSQL runs as one implicit transaction.
// One connection, like the native engine: its advisory lock is taken and released on the same session.
// And the engine arms long timers it never clears (a 10 s guard per command), which kept `migrate
// deploy` alive ~11 s after it had finished; those are unref'd (see unrefSchemaEngineTimers).
import { PrismaPg } from "@prisma/adapter-pg";
import { unrefSchemaEngineTimers } from "./schema-engine-timers";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgResult = { fields?: { dataTypeID: number }[] };
type PerformIO = (this: unknown, query: unknown) => Promise<PgResult | PgResult[]>;

const AS_TEXT = new Set([18 /* "char" */, 19 /* name */]);
const TEXT_OID = 25;

let readsNamesAsText = false;

/** performIO sits on PrismaPg's unexported base class, shared with its transactions: wrap it once. */
function readNamesAsText(adapter: Adapter): void {
  if (readsNamesAsText) return;
  readsNamesAsText = true;
  const base = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as { performIO: PerformIO };
  const performIO = base.performIO;
  base.performIO = async function (query) {
    const result = await performIO.call(this, query);
    for (const r of Array.isArray(result) ? result : [result]) for (const f of r.fields ?? []) if (AS_TEXT.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
    return result;
  };
}

function forSchemaEngine(adapter: Adapter): Adapter {
  readNamesAsText(adapter);
  // No parameters: pg sends the text as a simple query, which may hold many statements.
  adapter.executeScript = async (script: string) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

export function pgCliAdapter(connectionString: string) {
  unrefSchemaEngineTimers();
  // allowExitOnIdle and a short idle timeout: the CLI exits when done instead of holding an idle connection.
  const factory = new PrismaPg({ connectionString, max: 1, idleTimeoutMillis: 200, allowExitOnIdle: true });
  return {
    provider: "postgres" as const,
    adapterName: factory.adapterName,
    connect: async () => forSchemaEngine(await factory.connect()),
    connectToShadowDb: async () => forSchemaEngine(await factory.connectToShadowDb()),
  };
}

// ccxt, loaded on first use: it is ~60 MB of JavaScript, and commands that only read the database
// (metrics, score, most imports) should not pay its ~1.5 s load time.
import type * as CcxtModule from "ccxt";

type Ccxt = typeof CcxtModule;
let loaded: Ccxt | undefined;

export async function loadCcxt(): Promise<Ccxt> {
  if (!loaded) {
    const mod = (await import("ccxt")) as Ccxt & { default?: Ccxt };
    loaded = mod.default ?? mod;
  }
  return loaded;
}

/** The ccxt module if something has loaded it already (errors thrown by ccxt imply it has). */
export function ccxtIfLoaded(): Ccxt | undefined {
  return loaded;
}

/** A new ccxt exchange instance by id. */
export async function newExchange(id: string, config: object = {}): Promise<any> {
  const lib = (await loadCcxt()) as unknown as Record<string, new (cfg: object) => unknown>;
  const Ctor = lib[id];
  if (typeof Ctor !== "function") throw new Error(`ccxt exchange ${id} not found`);
  return new Ctor(config);
}

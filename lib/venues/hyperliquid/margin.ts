// Hyperliquid margin rules from POST /info {type:"meta"} (or metaAndAssetCtxs). Every perp has a max
// leverage; newer meta bodies also carry `marginTables` ([id, {description, marginTiers: [{lowerBound,
// maxLeverage}]}]) that each asset names by `marginTableId`; an id below 50 is a single tier at that leverage.
// Rules (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers and .../trading/contract-specifications):
//   initial margin rate = 1 / leverage (at most 1 / max leverage of the tier)
//   maintenance margin rate(tier n) = initial margin rate at tier n's max leverage / 2
//   maintenance_deduction(n) = deduction(n−1) + lowerBound(n) × (mmr(n) − mmr(n−1)), deduction(0) = 0
// Notional bounds are USDC (taken as USD). The 2023 meta has no tables: one tier per coin at its maxLeverage.
// A builder-deployed (HIP-3) dex serves its own meta ({type:"meta", dex}) with its own tables; it is read
// the same way for its own venue (dex-connector.ts), the margin-tiers page's rules applied to its tables.
import { z } from "zod";
import type { MarginRow, ParseContext, ParseResult } from "../types";
import { mapEach, parseBody, RecordError, zNum } from "../parse-helpers";
import { continuityDeductions, tierTable, type TierInput } from "../margin-tiers";
import { isSpotMeta, MetaAsset, MetaBody } from "./schemas";

const SOURCE = "Hyperliquid POST /info {type:\"meta\"} (maintenance = half the initial margin at max leverage: hyperliquid-docs/trading/margin-tiers)";
/** "For IDs less than 50, there is a single tier with max leverage equal to the ID" (margin-tiers docs). */
const FLAT_TABLE_IDS_BELOW = 50;

const MarginTierRecord = z.object({ lowerBound: zNum, maxLeverage: zNum });
const MarginTable = z.object({ description: z.string().optional(), marginTiers: z.array(MarginTierRecord).min(1) });
const MarginTables = z.array(z.tuple([z.number().int(), MarginTable]));

/** Tiers of one asset: its margin table's tiers, leverage capped at the asset's own maximum. */
function tiersOf(maxLeverage: number, table: { lowerBound: number; maxLeverage: number }[] | null): TierInput[] {
  const steps = table ?? [{ lowerBound: 0, maxLeverage }];
  const sorted = [...steps].sort((a, b) => a.lowerBound - b.lowerBound);
  const tiers: TierInput[] = sorted.map((s, i) => {
    const lev = Math.min(s.maxLeverage, maxLeverage);
    return {
      notionalFloorUsd: s.lowerBound,
      notionalCapUsd: i + 1 < sorted.length ? sorted[i + 1].lowerBound : null,
      maxLeverage: lev,
      initialMarginRate: 1 / lev,
      maintenanceMarginRate: 1 / (2 * lev),
      maintenanceAmountUsd: 0,
    };
  });
  const deductions = continuityDeductions(tiers);
  tiers.forEach((t, i) => (t.maintenanceAmountUsd = deductions[i]));
  return tiers;
}

/** Margin tables of one perp dex ("" = the main dex; a builder dex's meta comes from {type:"meta", dex}). */
export function parseHyperliquidMargin(body: unknown, ctx: ParseContext, dex = ""): ParseResult<"margin"> {
  // metaAndAssetCtxs is [meta, ctxs]: the margin rules are all in the meta.
  if (isSpotMeta(body)) return { rows: [], rejected: [{ venue: ctx.venue, symbol: null, field: "tokens", message: "a spot meta body (tokens and spot pairs), not perpetuals", index: null }] };
  const metaBody = Array.isArray(body) && body.length === 2 && !!body[0] && typeof body[0] === "object" && "universe" in (body[0] as object) ? body[0] : body;
  const meta = parseBody(MetaBody, metaBody, ctx, "meta");
  if (!meta.ok) return { rows: [], rejected: [meta.rejection] };
  const rawTables = (meta.value as { marginTables?: unknown }).marginTables;
  let tables = new Map<number, { lowerBound: number; maxLeverage: number }[]>();
  if (rawTables !== undefined) {
    const parsed = parseBody(MarginTables, rawTables, ctx, "meta.marginTables");
    if (!parsed.ok) return { rows: [], rejected: [{ ...parsed.rejection, field: `marginTables.${parsed.rejection.field}` }] };
    tables = new Map(parsed.value.map(([id, t]) => [id, t.marginTiers]));
  }
  const first = meta.value.universe.find((a) => !!a && typeof a === "object") as { name?: unknown } | undefined;
  const bodyDex = typeof first?.name === "string" && first.name.includes(":") ? first.name.slice(0, first.name.indexOf(":")) : "";
  if (typeof first?.name === "string" && bodyDex !== dex) {
    const which = (d: string) => (d ? `builder-deployed (HIP-3) dex "${d}"` : "the main perp dex");
    return { rows: [], rejected: [{ venue: ctx.venue, symbol: null, field: "universe", message: `meta of ${which(bodyDex)}, not of ${which(dex)}: each dex is a venue of its own`, index: null }] };
  }
  const asOf = ctx.receivedTs;
  return mapEach(meta.value.universe, ctx, (a: any) => (typeof a?.name === "string" ? a.name : null), (raw): MarginRow | null => {
    const a = MetaAsset.parse(raw);
    if (a.isDelisted) return null;
    if (a.maxLeverage === undefined) throw new RecordError("maxLeverage", `${a.name}: meta entry has no maxLeverage`);
    const tableId = (raw as { marginTableId?: unknown }).marginTableId;
    let table: { lowerBound: number; maxLeverage: number }[] | null = null;
    if (tableId !== undefined) {
      if (typeof tableId !== "number" || !Number.isInteger(tableId)) throw new RecordError("marginTableId", `${a.name}: marginTableId ${JSON.stringify(tableId)} is not an integer`);
      if (tableId >= FLAT_TABLE_IDS_BELOW) {
        const t = tables.get(tableId);
        if (!t) throw new RecordError("marginTableId", `${a.name}: margin table ${tableId} is not in the body's marginTables`);
        table = t;
      }
    }
    return tierTable(a.name, tiersOf(a.maxLeverage, table), SOURCE, asOf);
  });
}

// The portfolio a desk runs through a scenario: positions and collateral per venue and the margin mode each
// venue account uses. Validated with zod from JSON (API, CLI file, UI) or from CSV (one row per position,
// collateral or mode; see PORTFOLIO_CSV_COLUMNS).
import { parse } from "csv-parse/sync";
import { z } from "zod";

const zVenue = z.string().trim().min(1).max(60);
/** Sizes, prices and amounts: positive, from 1e-9 (a denormal such as 5e-324 is no size) up to 1e13. */
const zPositive = z.number().finite().gt(0).min(1e-9, "below 1e-9 is not a meaningful amount").max(1e13);

export const PortfolioPosition = z
  .object({
    venue: zVenue,
    /** The venue's symbol (BTCUSDT, BTC-USD-SWAP) or a base asset (BTC): the venue's USD-margined perp for it. */
    market: z.string().trim().min(1).max(60),
    side: z.enum(["long", "short"]),
    /** Exactly one of: size in base units, contracts (× the market's contract size), USD notional at entry. */
    size: zPositive.optional(),
    contracts: zPositive.optional(),
    notionalUsd: zPositive.optional(),
    /** Entry price, USD; the latest stored mid when omitted. */
    entryPrice: zPositive.optional(),
    leverage: z.number().finite().min(1).max(1000).optional(),
    /** Isolated margin posted to this position, USD; otherwise the collateral is shared by initial margin. */
    isolatedMarginUsd: zPositive.optional(),
  })
  .refine((p) => [p.size, p.contracts, p.notionalUsd].filter((v) => v !== undefined).length === 1, {
    message: "give exactly one of size, contracts or notionalUsd",
    path: ["size"],
  });
export type PortfolioPosition = z.infer<typeof PortfolioPosition>;

export const PortfolioCollateral = z.object({
  venue: zVenue,
  asset: z.string().trim().min(1).max(20).transform((s) => s.toUpperCase()),
  amount: zPositive,
});

export const Portfolio = z
  .object({
    name: z.string().trim().min(1).max(120).default("portfolio"),
    positions: z.array(PortfolioPosition).min(1, "a portfolio needs at least one position").max(200),
    collateral: z.array(PortfolioCollateral).max(200).default([]),
    /** Margin mode per venue account; cross when not given. */
    modes: z.record(zVenue, z.enum(["cross", "isolated"])).default({}),
  })
  .superRefine((p, ctx) => {
    const venues = new Set(p.positions.map((x) => x.venue));
    p.collateral.forEach((c, i) => {
      if (!venues.has(c.venue)) ctx.addIssue({ code: "custom", path: ["collateral", i, "venue"], message: `no position on ${c.venue}: collateral there would not be at risk` });
    });
    for (const v of venues) {
      if (!p.collateral.some((c) => c.venue === v)) ctx.addIssue({ code: "custom", path: ["collateral"], message: `no collateral on ${v}: add at least one collateral row for it` });
    }
  });
export type Portfolio = z.infer<typeof Portfolio>;
export type PortfolioInput = z.input<typeof Portfolio>;

export const PORTFOLIO_CSV_COLUMNS = ["kind", "venue", "market", "side", "size", "contracts", "notional_usd", "entry_price", "leverage", "isolated_margin_usd", "asset", "amount", "mode"] as const;

export class PortfolioFileError extends Error {}

const num = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : Number(v.replace(/[_,\s]/g, "")));

/**
 * Parse a portfolio CSV: a header row with (a subset of) PORTFOLIO_CSV_COLUMNS, then rows whose `kind` is
 * position, collateral or mode. Number cells may carry thousands separators. Throws PortfolioFileError for a
 * file that is not such a CSV, and a ZodError (with row paths) for rows that break the portfolio schema.
 */
export function portfolioFromCsv(text: string, name = "portfolio"): Portfolio {
  let rows: Record<string, string>[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ""), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true });
  } catch (err) {
    throw new PortfolioFileError(`not a readable CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (rows.length > 0 && !("kind" in rows[0])) throw new PortfolioFileError(`the CSV needs a "kind" column (position, collateral or mode); columns: ${PORTFOLIO_CSV_COLUMNS.join(", ")}`);
  const positions: unknown[] = [];
  const collateral: unknown[] = [];
  const modes: Record<string, string> = {};
  rows.forEach((r, i) => {
    const kind = (r.kind ?? "").toLowerCase();
    if (kind === "position") {
      positions.push({
        venue: r.venue, market: r.market, side: r.side?.toLowerCase(), size: num(r.size), contracts: num(r.contracts),
        notionalUsd: num(r.notional_usd), entryPrice: num(r.entry_price), leverage: num(r.leverage), isolatedMarginUsd: num(r.isolated_margin_usd),
      });
    } else if (kind === "collateral") collateral.push({ venue: r.venue, asset: r.asset, amount: num(r.amount) });
    else if (kind === "mode") modes[r.venue] = (r.mode ?? "").toLowerCase();
    else throw new PortfolioFileError(`row ${i + 2}: kind must be position, collateral or mode, got "${r.kind ?? ""}"`);
  });
  return Portfolio.parse({ name, positions, collateral, modes });
}

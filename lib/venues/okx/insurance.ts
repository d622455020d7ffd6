// OKX security ("insurance") fund history of the perpetual swaps: GET /api/v5/public/insurance-fund
// (https://www.okx.com/docs-v5/en/#public-data-rest-api-get-insurance-fund), one pool per instrument family
// (BTC-USDT, BTC-USD, …), its readings newest first in `details`, paged back by `after`/`before` on their ts.
//
// Each detail carries the pool's `balance` in its currency `ccy` at `ts` (a `regular_update` snapshot, about
// one a minute, or an event: `liquidation_balance_deposit`, `bankruptcy_loss`, `adl`), so every detail is one
// reading. USDT/USDC/USD pools are read 1:1 as USD; a coin-margined family's pool (BTC-USD: BTC) needs a price
// at each reading, which the body does not carry, and is left out. The group's `total` is not the family's
// pool: the recorded BTC-USD body has 3,858.499 BTC in the pool and total 2,580,357,003.5972 USD (about
// $669,000 a BTC if it were), so it is read as the whole fund across OKX's pools and not stored (summing it
// per family would count it once per family).
import { z } from "zod";
import type { FetchRequest, InsuranceRow, ParseContext, ParseResult, Rejection, VenueHttp } from "../types";
import { pageBackward, spanOf, warnIncomplete } from "../paging";
import { mapEach, parseWhole, RecordError } from "../parse-helpers";
import { Envelope, InsuranceDetail, InsuranceGroup } from "./schemas";

/** "limit: Number of results per request. The maximum is 100; The default is 100." */
export const INSURANCE_PAGE = 100;
/** Pool currencies read 1:1 as USD. */
const USD_STABLE = new Set(["USDT", "USDC", "USD"]);

/** One reading of a pool in its own currency (what the body says, before any USD valuation). */
export interface OkxInsuranceReading {
  instFamily: string | null;
  ccy: string;
  ts: number;
  balance: number;
  type: string | null;
}

/** The groups of an insurance-fund body, refusing a venue error or a body of another shape. */
function groupsOf(body: unknown): unknown[] {
  const e = Envelope.parse(body);
  if (e.code !== undefined && String(e.code) !== "0") throw new RecordError("code", `venue error ${e.code}: ${e.msg ?? ""}`);
  return e.data;
}

interface DetailItem {
  instFamily: string | null;
  detail: unknown;
}

/** The details of every group, each with its family; groups of the wrong shape are rejected by name. */
function detailItems(groups: unknown[], ctx: ParseContext) {
  const items: DetailItem[] = [];
  const bad = mapEach(groups, ctx, (g: any) => (typeof g?.instFamily === "string" ? g.instFamily : null), (raw) => {
    const g = InsuranceGroup.parse(raw);
    for (const detail of g.details) items.push({ instFamily: g.instFamily ?? null, detail });
    return null;
  });
  return { items, rejected: bad.rejected };
}

/** Every reading of a body in its pool's currency (no valuation), or the body's rejection. */
export function okxInsuranceReadings(body: unknown, ctx: ParseContext): { readings: OkxInsuranceReading[]; rejected: Rejection[] } {
  let groups: unknown[];
  try {
    groups = groupsOf(body);
  } catch (err) {
    return { readings: [], rejected: parseWhole<"insurance">(ctx, () => { throw err; }).rejected };
  }
  const { items, rejected } = detailItems(groups, ctx);
  const out = mapEach(items, ctx, (it) => it.instFamily, (it): OkxInsuranceReading => {
    const d = InsuranceDetail.parse(it.detail);
    if (d.balance < 0) throw new RecordError("balance", `negative balance ${d.balance}`);
    return { instFamily: it.instFamily, ccy: d.ccy, ts: d.ts, balance: d.balance, type: d.type ?? null };
  });
  return { readings: out.rows, rejected: [...rejected, ...out.rejected] };
}

/**
 * One insurance row per reading of a USD-stable pool, asset "<ccy>:<instFamily>" (pools are per family, so
 * two families' readings at one time are two rows, and the venue's reading at that time is their sum).
 */
export function parseOkxInsurance(body: unknown, ctx: ParseContext): ParseResult<"insurance"> {
  const { readings, rejected } = okxInsuranceReadings(body, ctx);
  const rows = readings.filter((r) => USD_STABLE.has(r.ccy)).map((r): InsuranceRow => ({ ts: r.ts, asset: `${r.ccy}:${r.instFamily ?? "all"}`, balanceUsd: r.balance }));
  return { rows, rejected };
}

/**
 * The insurance-fund readings of each instrument family. Without `since`: the latest page. With it, each
 * family's readings are walked back from `until` like the funding history: OKX's bounds are exclusive
 * (`after` "earlier than the requested ts", `before` "newer than"), so pages ask after = to + 1 and
 * before = since − 1. Readings come about once a minute, so a page of 100 covers about 100 minutes and a
 * long window needs a raised page cap (`maxPages`); a walk the cap stops is reported, never silent.
 */
export async function fetchOkxInsurance(http: VenueHttp, families: Iterable<string>, req: FetchRequest): Promise<void> {
  for (const family of families) {
    const params = { instType: "SWAP", instFamily: family, limit: INSURANCE_PAGE };
    const meta = { kind: "insurance" as const, symbol: null };
    if (req.since === undefined) {
      await http.ccxtCall("publicGetPublicInsuranceFund", { ...params, ...(req.until !== undefined ? { after: req.until + 1 } : {}) }, meta);
      continue;
    }
    const w = { since: req.since, until: req.until ?? Date.now(), pageSize: INSURANCE_PAGE, maxPages: req.maxPages };
    const result = await pageBackward(w, async (to) => {
      const body = await http.ccxtCall("publicGetPublicInsuranceFund", { ...params, after: to + 1, before: w.since - 1 }, meta);
      return spanOf(detailTimes(body));
    });
    warnIncomplete(http, "okx", family, "insurance-fund history", w, result);
  }
}

const PageTimes = z.object({ data: z.array(z.object({ details: z.array(z.object({ ts: z.union([z.string(), z.number()]) }).passthrough()) }).passthrough()) }).passthrough();

/** The reading times of one page (an unreadable page counts as empty and ends the walk). */
function detailTimes(body: unknown): number[] {
  const page = PageTimes.safeParse(body);
  return page.success ? page.data.data.flatMap((g) => g.details.map((d) => Number(d.ts))) : [];
}

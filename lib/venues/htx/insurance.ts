// HTX insurance-fund history of the USDT-margined swaps: GET /linear-swap-api/v1/swap_insurance_fund
// ("[General] Query history records of insurance fund balance",
// https://www.htx.com/en-us/opend/newApiPages/?id=8cb7fd58-77b5-11ed-9966-0242ac110003): one pool per
// contract, its daily readings newest first in `data.tick[]` ({insurance_fund, ts}), paged by page_index
// (1 = newest) and page_size (100 at most). The balance is in USDT, read 1:1 as USD.
//
// Native request: ccxt's htx API map lists the path as "swap-api/v1/linear-swap-api/v1/swap_insurance_fund"
// (two prefixes), which does not answer. The coin-margined /swap-api/v1/swap_insurance_fund is in the coin
// (BTC for BTC-USD) and would need a price at each reading: not fetched.
import { z } from "zod";
import type { FetchRequest, InsuranceRow, ParseContext, ParseResult, RateLimit, VenueHttp } from "../types";
import { mapEach, parseWhole, RecordError, zEpochMs, zNum } from "../parse-helpers";
import { pageByCursor, spanOf, warnIncomplete } from "../paging";

const REST = "https://api.hbdm.com";
/** "page size. 100 by default. 100 at most". */
export const INSURANCE_PAGE = 100;
/** "the rate limit is 240 times every 3 second at most for each IP" (public market-data interfaces). */
export const PUBLIC_LIMIT: RateLimit = { key: "htx:public", requests: 240, perMs: 3000, source: "https://www.htx.com/en-us/opend/newApiPages/?id=8cb7fd58-77b5-11ed-9966-0242ac110003" };

/** `insurance_fund` may be a JSON number with 18 decimals or Java's "0E-18" (a valid JSON number, 0). */
const TickRecord = z.object({ insurance_fund: zNum, ts: zEpochMs });
export const InsuranceFundPage = z.object({
  status: z.literal("ok"),
  ts: zEpochMs.optional(),
  data: z.object({
    contract_code: z.string().min(1),
    business_type: z.string().optional(),
    total_page: z.number().int().nonnegative(),
    current_page: z.number().int().positive(),
    tick: z.array(z.unknown()),
  }),
});
const ErrorBody = z.object({ status: z.literal("error"), err_code: z.union([z.number(), z.string()]).optional(), err_msg: z.string().optional() });

/**
 * One row per reading of a USDT-margined swap's pool, asset "USDT:<contract_code>" (each contract has its own
 * pool; the venue's reading at a time is the sum over the contracts fetched). Dated futures' pools
 * (business_type "futures", BTC-USDT-FUTURES) are skipped: the app scores perpetuals.
 */
export function parseHtxInsurance(body: unknown, ctx: ParseContext): ParseResult<"insurance"> {
  const err = ErrorBody.safeParse(body);
  if (err.success) return parseWhole(ctx, () => { throw new RecordError("status", `venue error ${err.data.err_code ?? ""}: ${err.data.err_msg ?? ""}`); });
  const page = InsuranceFundPage.safeParse(body);
  if (!page.success) {
    const issue = page.error.issues[0];
    return parseWhole(ctx, () => { throw new RecordError(issue?.path.join(".") || "(body)", `not a swap_insurance_fund page: ${issue?.message ?? ""}`); });
  }
  const d = page.data.data;
  if (d.business_type === "futures") return { rows: [], rejected: [] };
  if (!d.contract_code.endsWith("-USDT")) return parseWhole(ctx, () => { throw new RecordError("data.contract_code", `${d.contract_code}: only USDT-margined pools are read (a coin pool needs a price)`); }, d.contract_code);
  return mapEach(d.tick, ctx, () => d.contract_code, (raw): InsuranceRow => {
    const r = TickRecord.parse(raw);
    if (r.insurance_fund < 0) throw new RecordError("insurance_fund", `negative balance ${r.insurance_fund}`);
    return { ts: r.ts, asset: `USDT:${d.contract_code}`, balanceUsd: r.insurance_fund };
  });
}

const url = (contractCode: string, page: number) =>
  `${REST}/linear-swap-api/v1/swap_insurance_fund?${new URLSearchParams({ contract_code: contractCode, page_index: String(page), page_size: String(INSURANCE_PAGE) })}`;

/**
 * The pools of the USDT-margined `contractCodes`: page 1 (the newest 100 readings) without `since`; with it,
 * pages back until a reading at or before `since` (the endpoint takes no time bounds, so readings after
 * `until` are fetched too and stored as well).
 */
export async function fetchHtxInsurance(http: VenueHttp, contractCodes: Iterable<string>, req: FetchRequest): Promise<void> {
  for (const code of contractCodes) {
    const meta = { kind: "insurance" as const, symbol: code };
    if (req.since === undefined) {
      await http.json(url(code, 1), { rateLimit: PUBLIC_LIMIT }, meta);
      continue;
    }
    const w = { since: req.since, until: req.until ?? Date.now(), pageSize: INSURANCE_PAGE, maxPages: req.maxPages, order: "newest-first" as const };
    const result = await pageByCursor<number>(w, async (cursor) => {
      const index = cursor ?? 1;
      const p = InsuranceFundPage.safeParse(await http.json(url(code, index), { rateLimit: PUBLIC_LIMIT }, meta));
      if (!p.success) return { ...spanOf([]), next: null };
      const times = p.data.data.tick.map((t) => Number((t as { ts?: unknown })?.ts));
      return { ...spanOf(times), next: index < p.data.data.total_page ? index + 1 : null };
    });
    warnIncomplete(http, "htx", code, "insurance-fund history", w, result);
  }
}

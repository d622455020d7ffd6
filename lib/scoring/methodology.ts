// The methodology as data: every formula, scale (with its points) and default weight. The app's methodology
// page and docs/methodology.md are both rendered from methodology() (renderMethodologyMarkdown).
import { DEPTH_BANDS_BPS } from "../metrics/book";
import { STRESS_FORMULAS } from "../stress/methodology";
import { DEFAULT_CAPACITY_BUDGET_BPS } from "../metrics/slippage-series";
import { STRESS_RULE } from "../metrics/stress";
import { REALIZED_RULE, SWEEP_BUCKET_LABELS } from "../metrics/sweeps";
import { REFILL_RULE } from "../metrics/refill";
import {
  CAP_HIT_TOLERANCE,
  DIVERGENCE_THRESHOLD,
  GAP_FACTOR,
  INTERVAL_MATCH_TOLERANCE,
  KNOWN_FUNDING_INTERVALS_HOURS,
  REGIME_PERSISTENCE_RECORDS,
} from "../metrics/funding";
import { CHECKLIST_ITEMS, FACT_KEYS, FACT_VALUE_SCORES, INCIDENT_SEVERITY_WEIGHTS, type ItemId } from "./items";
import { SCALE_DEFINITIONS, formatScalePoints, type ScaleDefinition, type ScalePoint } from "./scale";
import { METHODOLOGY_VERSION } from "./version";
import { EXECUTION_ITEMS, MIN_ADEQUATE_SAMPLES, MIN_EXECUTION_COVERAGE } from "./score-venue";
import { REALIZED_SCORE_RULE } from "./realized-inputs";
import { INPUT_RULES } from "./input-rules";

export { METHODOLOGY_VERSION };

export interface Formula {
  id: string;
  name: string;
  definition: string;
}

export interface FormulaGroup {
  id: string;
  title: string;
  formulas: Formula[];
}

export interface MethodologySubMetric {
  id: string;
  label: string;
  kind: "metric" | "fact-boolean" | "fact-count";
  definition: string;
  unit: string;
  factKey?: string;
  scale?: ScaleDefinition;
}

export interface MethodologyItem {
  id: ItemId;
  label: string;
  description: string;
  defaultWeight: number;
  subMetrics: MethodologySubMetric[];
}

export interface Methodology {
  version: string;
  summary: string;
  conventions: string[];
  formulaGroups: FormulaGroup[];
  stressRule: typeof STRESS_RULE;
  items: MethodologyItem[];
  scales: ScaleDefinition[];
  factValueScores: typeof FACT_VALUE_SCORES;
  factKeys: string[];
  scoring: Formula[];
}

const f = (id: string, name: string, definition: string): Formula => ({ id, name, definition });

const FORMULA_GROUPS: FormulaGroup[] = [
  {
    id: "book",
    title: "Order book (one snapshot)",
    formulas: [
      f("mid", "Mid price", "mid = (best bid + best ask) / 2"),
      f("spread", "Spread", "spread_bps = (best ask − best bid) / mid × 1e4"),
      f(
        "depth",
        "Depth within a band",
        `depth_usd(side, band) = Σ price × size over the side's levels with |price − mid| / mid × 1e4 ≤ band; bands ${DEPTH_BANDS_BPS.join(", ")} bps. When the book is truncated and no visible level lies beyond a band, that band's depth is flagged as a lower bound.`,
      ),
      f(
        "slippage",
        "Slippage of a market order",
        "A buy walks the asks, a sell walks the bids, consuming the notional (USD) level by level, the last level partially (base += remaining / price). VWAP = notional / base filled; buy slippage_bps = (VWAP − mid) / mid × 1e4, sell slippage_bps = (mid − VWAP) / mid × 1e4 (a cost is positive). When the visible side holds less than the notional the result is \"beyond visible depth\" with that visible depth — never a capped or extrapolated number.",
      ),
      f(
        "capacity",
        "Capacity at a slippage budget",
        "The largest notional whose slippage ≤ budget. With limit L = mid × (1 + budget/1e4) for buys, mid × (1 − budget/1e4) for sells, and d_i = p_i − L (buys) or L − p_i (sells), a fill meets the budget iff Σ q_i d_i ≤ 0: levels are consumed while the slack −Σ q_i d_i allows, and the last level is solved exactly with q = slack / d_i. When the whole visible side fits, capacity = visible depth, flagged \"limited by visible depth\".",
      ),
      f(
        "unusable-book",
        "Empty or crossed books",
        "A book with an empty side, a non-positive best price, or best bid > best ask (crossed) gives no metrics (null) and is counted apart as unusable; a locked book (bid = ask) has spread 0.",
      ),
    ],
  },
  {
    id: "series",
    title: "Slippage over many snapshots",
    formulas: [
      f("percentile", "Percentile", "Linear interpolation between closest ranks (numpy \"linear\"): sort x ascending, h = (n − 1) × p / 100, q = x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋+1] − x[⌊h⌋])."),
      f("slippage-percentiles", "Slippage percentiles", "p50, p90, p95, p99 and max of slippage_bps over the snapshots where the notional was filled."),
      f("beyond-share", "Beyond-depth share", "beyond share = snapshots beyond visible depth / usable snapshots with a known answer."),
      f(
        "depth-unknown",
        "Truncated books: depth unknown",
        "A snapshot the venue cut at N levels (truncated) whose visible side holds less than the notional is \"depth unknown beyond N levels / $X\": not a failed fill and not depth 0. It is left out of the slippage percentiles and the beyond share (its capacity counts only when the budget is reached inside the visible levels); unknown share = unknown / (known + unknown). The depth and fees items' sample count is multiplied by the known share, so a window of cut books only has no depth data.",
      ),
      f(
        "aggregated-books",
        "Aggregated books (coarser price buckets)",
        "Live ingest asks each venue for the deepest book it serves (Binance 1000 levels, OKX 5000, Deribit 10000, Bybit 500, Paradex 100; dYdX's indexer returns at most 100 and BitMEX and Kraken their whole book). Hyperliquid serves 20 levels a side; its nSigFigs 5, 4, 3 and 2 answers (20 buckets each, reaching further) are merged beyond the 20 exact levels: a bucket labelled q of width w = 10^(digits − figures) is used only when all of [q − w, q + w] lies beyond every price already counted, at its far edge (bids q − w, asks q + w). A merged book is stored labelled aggregated with its exact level count; it can under-state depth (buckets overlapping counted prices are left out), never over-state it or price it better than a bucket allows.",
      ),
      f(
        "capacity-stats",
        "Capacity statistics",
        `Per-snapshot capacity at a budget (default ${DEFAULT_CAPACITY_BUDGET_BPS} bps): median = percentile 50; bad case = percentile 5.`,
      ),
    ],
  },
  {
    id: "inputs",
    title: "From stored data to scoring inputs",
    formulas: [
      f("primary-market", "Which market represents a venue", INPUT_RULES.primaryMarket),
      f("worse-side", "Buy and sell side", INPUT_RULES.worseSide),
      f("windows", "Time windows", INPUT_RULES.windows),
      f("sampling", "Sampling", INPUT_RULES.sampling),
      f("fee-tier", "Fee tier", INPUT_RULES.feeTier),
      f("all-in", "All-in cost", INPUT_RULES.allIn),
      f("resiliency-runs", "Resiliency data", INPUT_RULES.resiliency),
      f("unpublished", "Not published by the venue", INPUT_RULES.unpublished),
    ],
  },
  {
    id: "stress",
    title: "Stress windows",
    formulas: [
      f("stress-rule", "Detection rule", STRESS_RULE.description),
      f("stress-merge", "Merging with named windows", "Detected and user-named windows are united; overlapping windows merge into one (source \"both\") and keep every name. A time t is in a window when from ≤ t ≤ to."),
      f("stress-ratio", "Stress / normal ratio", "The slippage statistics are computed separately for snapshots inside and outside the stress windows; ratio = p95 inside / p95 outside, null when either side has no filled snapshot."),
    ],
  },
  {
    id: "realized",
    title: "Realized execution (trade prints)",
    formulas: [
      f("realized-rule", "Sweeps, realized slippage, markouts, phantom depth", REALIZED_RULE),
      f("realized-buckets", "Size buckets", `Sweep notional Σ price × size in USD, half-decade buckets: ${SWEEP_BUCKET_LABELS.join(", ")}.`),
      f(
        "realized-venues",
        "Aggressor side and grouping per venue",
        "Binance USD-M (trade/aggTrade): m = buyer is maker, so m true is a sell aggressor; grouped by time + side (no taker id); pre-trade mid from the recording's bookTicker, dropped once a later print trades through it. " +
          "Hyperliquid WebSocket trades: side B = taker bought, A = sold; the taker is users[0] on B, users[1] on A; grouped by time + side + taker. " +
          "Hyperliquid non_mm_trades.csv: crossed rows only (the listed user took liquidity; side Bid/Ask is theirs), grouped by second + side + user; passive rows are counted and left out. " +
          "Tardis trades CSV: side is the taker's (unknown is rejected), timestamps µs, amount in contract units (inverse: × face value USD / price); grouped by time + side.",
      ),
      f("realized-storage", "What is kept", "Every print is aggregated into its market's UTC minute (counts and volumes by aggressor side, OHLC, sweeps per size bucket); raw prints, which realized slippage needs, are kept for TRADE_RAW_WINDOW_DAYS (default 30) back from the market's newest print. Realized figures are shown beside the score and enter it through the two sub-metrics below."),
      f("realized-score", "Realized figures in the score", REALIZED_SCORE_RULE),
      f("book-refill", "Book refill after depth drops (shown, not scored)", REFILL_RULE),
    ],
  },
  {
    id: "funding",
    title: "Funding",
    formulas: [
      f(
        "interval-inference",
        "Interval inference",
        `Each record's interval comes from the spacing to the previous record, matched to the nearest known interval (${KNOWN_FUNDING_INTERVALS_HOURS.join(", ")} h) when within ${INTERVAL_MATCH_TOLERANCE * 100} %. A spacing larger than ${GAP_FACTOR} × the prevailing interval is a gap (missing records = round(spacing / interval) − 1, at least 1; the record keeps the prevailing interval). A new interval counts as a regime change only when it holds for ${REGIME_PERSISTENCE_RECORDS} consecutive records; a one-off spacing is marked irregular.`,
      ),
      f("rate-per-8h", "Per-8h rate", "rate_8h = rate × 8 / interval_hours"),
      f("annualize-simple", "Simple annualization", "APR = rate × 8760 / interval_hours"),
      f("annualize-compounded", "Compounded annualization", "APY = (1 + rate)^(8760 / interval_hours) − 1"),
      f("funding-dispersion", "Mean and dispersion", "Mean and sample standard deviation (n − 1) of per-8h rates; annualized figures = per-8h × 1095. Share positive = records with rate > 0 / records."),
      f("cap-hits", "Cap hits", `Records with |rate| ≥ cap − ${CAP_HIT_TOLERANCE}; null when the cap is not known.`),
      f(
        "funding-coverage",
        "Coverage",
        "coverage = records present / records expected, expected = present + missing inside gaps + ⌊(first − window start) / first interval⌋ + ⌊(window end − last) / last interval⌋.",
      ),
      f(
        "funding-divergence",
        "Divergence from premium",
        `gap = rate − premium per record (premium as published, else basis = (mark − index) / index). Mean gap over records with a premium; persistence = the longest run of consecutive records with the same sign of gap and |gap| > ${DIVERGENCE_THRESHOLD * 1e4} bp, in records and in hours (sum of the records' intervals).`,
      ),
    ],
  },
  {
    id: "liquidations",
    title: "Liquidations and insurance",
    formulas: [
      f("liq-per-day", "Notional per UTC day", "Σ notional per UTC day; relative to OI = day notional / mean of that day's OI readings (null without OI)."),
      f("cascade", "Largest cascade", "max over t of Σ notional with t ≤ ts < t + 1 h (two pointers over time-sorted records)."),
      f("cascade-to-oi", "Cascade / OI", "largest cascade / mean open interest over the window."),
      f("liq-in-stress", "Share in stress", "Σ notional inside stress windows / Σ notional."),
      f("insurance-to-oi", "Insurance / OI", "insurance fund balance (USD) / open interest (USD); null when either is missing."),
    ],
  },
  {
    id: "fees",
    title: "Fees",
    formulas: [
      f("fee-at", "Fee in force", "The tier's row with effectiveFrom ≤ t < effectiveTo (open-ended when effectiveTo is null)."),
      f(
        "all-in-cost",
        "All-in cost",
        "all-in bps = taker rate × 1e4 + slippage_bps at the notional (one way); funding carry = |mean per-8h rate| × holding hours / 8 × 1e4, stated separately and added to the total when given.",
      ),
      f("fee-changes", "Fee changes", "A row whose maker or taker rate differs from the same tier's previous row; it is inside stress when its effectiveFrom lies in a stress window."),
    ],
  },
  {
    id: "resiliency",
    title: "Resiliency",
    formulas: [
      f("availability", "Availability", "(ok + partial runs) / finished runs, per data kind and overall; running runs are not counted."),
      f("longest-gap", "Longest gap", "Largest spacing in hours between consecutive successful runs of one kind; overall = the largest per kind."),
    ],
  },
  // Not part of the score: the /stress tool's rules, listed here so every number on that page is traceable.
  { id: "margin-stress", title: "Margin stress tests (/stress; not part of the score)", formulas: STRESS_FORMULAS.map((x) => f(x.id, x.name, x.definition)) },
];

const SCORING: Formula[] = [
  f("sub-score", "Sub-score", "A metric maps to 0..100 through its piecewise-linear scale (clamped at the end points); a yes/partial/no fact scores 100/50/0; an unknown or missing figure has no sub-score and counts 0."),
  f(
    "adequacy",
    "Sample adequacy",
    `adequacy = min(1, n / n_min), where n is the number of observations the item's figures rest on and n_min = ${Object.entries(MIN_ADEQUATE_SAMPLES).map(([k, v]) => `${v} for ${k}`).join(", ")}; 1 for items without a minimum. Book snapshots whose depth is unknown (a truncated book that shows less than the target notional) do not count in n.`,
  ),
  f("item-score", "Item score", "item score = adequacy × Σ sub-scores / n_defined, where n_defined is the number of sub-metrics the item defines and a sub-metric without data counts 0 (it is never dropped from the mean). The measured score shown beside it is the mean over the sub-metrics with data only, for reading; it does not enter the total."),
  f("no-data", "Items without data", "An item with no sub-metric with data is \"no data\" and counts 0 in the total at its full weight (its weight is listed as without data)."),
  f("total", "Venue total", "total = Σ weight × item score / Σ weight over ALL items."),
  f(
    "execution-gate",
    "Execution coverage gate",
    `execution coverage = Σ weight × (book sub-metrics with data / defined; the realized ones from trade prints are left out) / Σ weight over the execution items (${EXECUTION_ITEMS.join(", ")}; equal weights if both are 0). Below ${MIN_EXECUTION_COVERAGE} the venue has no total: its status is "insufficient data" with the reason (e.g. "no usable order book in the window").`,
  ),
  f(
    "missing-data",
    "Why missing data can never raise a score",
    "Every sub-score is ≥ 0 and a missing one counts 0 over a fixed denominator, so removing a figure, a fact or a whole item can only lower (or keep) its item score and so the total; fewer observations lower the adequacy. Removing data can only lower execution coverage, so a venue can go from scored to insufficient data, never back. Checked by a property test over random venues and weights (lib/scoring/score-monotone.property.test.ts).",
  ),
  f("contribution", "Contribution", "contribution of a sub-score = weight / Σ weight × adequacy × sub-score / n_defined: the points of the total it adds (the contributions sum to the total). Shown for every fact and figure."),
  f("facts", "Facts as evidence", "Curated yes/partial/no facts (documented funding formula, cap, predicted rate, liquidation protocol, ADL ranking, insurance fund, on-chain settlement, liquidation history, data downloads) all sit in the Transparency item at a small weight; Funding and Liquidation score measured figures only, so a published document never scores like a measured figure."),
  f(
    "incidents",
    "Incident weight",
    `Resiliency's incident figure = Σ severity weight (${Object.entries(INCIDENT_SEVERITY_WEIGHTS).map(([k, v]) => `${k} ${v}`).join(", ")}) of the incidents in the venue's incident ledger (data/incidents/<venue>.json) that started in the 12 calendar months before the scored window's end, (end − 12 months, end]; the window is the market's figure window, or the API runs' window for a venue without one. The figure exists only when the ledger's reviewed period (the period its curator searched) holds those whole 12 months; otherwise the sub-metric is missing and counts 0, so a gap in the ledger never reads as a clean record. Only a venue without a ledger file is scored on the curated count fact resiliency.incidents_12m (missing, 0 points, when unknown). A recorded incident therefore never scores below missing data: weight 0 → 100, 2 → 70, 5 → 30, 10 or more → 0, missing → 0. Severity: critical = losses or compensation of $100M or more; high = a venue-wide halt of 1 h or more, a rollback of trades or chain state, erroneous liquidations across markets, an ADL wave across markets, or losses or compensation of $10M or more; moderate = a venue-wide halt under 1 h, or a single market's manipulation or mispricing with forced liquidations; low = degraded service without forced liquidations or reported losses. Every incident carries an https source on the venue's official domains or marked third-party with a reason; losses are left empty unless a source states them.`,
  ),
  f("coverage", "Item coverage", "coverage = (sub-metrics with a figure / sub-metrics defined) × adequacy."),
  f("confidence", "Confidence", "confidence = Σ (weight × coverage) / Σ weight over all items; an item without data has coverage 0."),
  f("rank", "Ranking", "Real venues and simulated (demo) venues are ranked apart, never in one list. Within each, venues with a total by total, highest first; equal totals share a rank (1, 1, 3); venues with insufficient data come after every scored venue, unranked."),
  f("rank-stability", "Rank stability", "Each item's weight is moved by +5 and −5 points (not below 0), one at a time; each venue's min and max rank over these 14 scenarios and the base ranking."),
];

/** The full structured methodology. */
export function methodology(): Methodology {
  const scales = Object.values(SCALE_DEFINITIONS) as ScaleDefinition[];
  return {
    version: METHODOLOGY_VERSION,
    summary:
      "Venuescope scores perpetual-futures venues on a seven-item checklist. Each item is scored 0..100 from measured metrics (curated facts only in the small Transparency item); the venue total is the weighted mean over every item, missing data counting 0, and a venue whose order-book data covers less than half of the execution items has no total (\"insufficient data\"). Removing data can therefore never raise a total or a rank.",
    conventions: [
      "Times are UTC; money is USD; sizes are base-asset units.",
      "1 bp = 0.01 % = 1e-4. Rates are fractions (0.0001 = 1 bp).",
      "Missing data is shown as null (\"no data\"), never as a figure of 0; in the score a missing sub-metric counts 0 points, so missing data can never raise a score.",
      "Time windows include both ends (from ≤ t ≤ to) unless a formula says otherwise.",
    ],
    formulaGroups: FORMULA_GROUPS,
    stressRule: STRESS_RULE,
    items: CHECKLIST_ITEMS.map((item) => ({
      id: item.id,
      label: item.label,
      description: item.description,
      defaultWeight: item.defaultWeight,
      subMetrics: item.subMetrics.map((sm) => ({
        id: sm.id,
        label: sm.label,
        kind: sm.kind,
        definition: sm.definition,
        unit: sm.kind === "fact-boolean" ? "yes/partial/no" : sm.unit,
        ...(sm.kind === "metric" || sm.kind === "fact-count" ? { scale: SCALE_DEFINITIONS[sm.scale] as ScaleDefinition } : {}),
        ...(sm.kind !== "metric" ? { factKey: sm.factKey } : {}),
      })),
    })),
    scales,
    factValueScores: FACT_VALUE_SCORES,
    factKeys: Object.values(FACT_KEYS),
    scoring: SCORING,
  };
}

function pointsTable(points: readonly ScalePoint[], unit: string): string {
  return `| ${unit} | ${points.map((p) => p[0]).join(" | ")} |\n|---|${points.map(() => "---").join("|")}|\n| score | ${points.map((p) => p[1]).join(" | ")} |`;
}

/** docs/methodology.md, rendered from methodology(). */
export function renderMethodologyMarkdown(m: Methodology = methodology()): string {
  const out: string[] = [];
  out.push(`# Venuescope methodology (version ${m.version})`, "");
  out.push(
    "<!-- Rendered from lib/scoring/methodology.ts (renderMethodologyMarkdown). lib/scoring/methodology.test.ts checks that every " +
      "formula, scale and default weight here matches the code: change the code, then re-render this file. -->",
    "",
  );
  out.push(m.summary, "");
  out.push("## Conventions", "");
  for (const c of m.conventions) out.push(`- ${c}`);
  out.push("");
  out.push("## Checklist items and default weights", "");
  out.push("| Item | Id | Default weight | What it asks |", "|---|---|---|---|");
  for (const i of m.items) out.push(`| ${i.label} | \`${i.id}\` | ${i.defaultWeight} | ${i.description} |`);
  out.push("", "Weights are points and need not sum to 100; the total divides by the weights of the items that have data.", "");
  out.push("## Metric formulas", "");
  for (const g of m.formulaGroups) {
    out.push(`### ${g.title}`, "");
    for (const fm of g.formulas) out.push(`- **${fm.name}** (\`${fm.id}\`): ${fm.definition}`);
    out.push("");
  }
  out.push(
    "Stress rule parameters: " +
      `lookback ${m.stressRule.lookbackMs / 60_000} min, move percentile ${m.stressRule.movePercentile}, ` +
      `spread multiple ${m.stressRule.spreadMultipleOfMedian} × median, merge gap ${m.stressRule.mergeGapMs / 60_000} min, ` +
      `padding ${m.stressRule.padMs / 60_000} min.`,
    "",
  );
  out.push("## Items, sub-metrics and scales", "");
  for (const i of m.items) {
    out.push(`### ${i.label} (\`${i.id}\`, default weight ${i.defaultWeight})`, "", i.description, "");
    for (const sm of i.subMetrics) {
      const key = sm.factKey !== undefined ? ` — fact \`${sm.factKey}\`` : "";
      out.push(`- **${sm.label}** (${sm.unit})${key}: ${sm.definition}`);
      if (sm.scale !== undefined) {
        out.push(`  - Scale \`${sm.scale.id}\`: ${formatScalePoints(sm.scale.points)}. ${sm.scale.description}`);
      } else {
        out.push(`  - Scored yes → ${m.factValueScores.yes}, partial → ${m.factValueScores.partial}, no → ${m.factValueScores.no}; unknown → no sub-score.`);
      }
    }
    out.push("");
  }
  out.push("## Scales", "", "Piecewise-linear between the points, clamped at the first and last point.", "");
  for (const s of m.scales) {
    out.push(`### \`${s.id}\` — ${s.metric} (${s.unit})`, "", `Points: ${formatScalePoints(s.points)}`, "", pointsTable(s.points, s.unit), "", s.description, "");
  }
  out.push("## Scoring", "");
  for (const fm of m.scoring) out.push(`- **${fm.name}** (\`${fm.id}\`): ${fm.definition}`);
  out.push("", "## Curated fact keys", "");
  for (const k of m.factKeys) out.push(`- \`${k}\``);
  out.push("");
  return out.join("\n");
}

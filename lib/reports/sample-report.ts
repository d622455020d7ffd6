// A hand-built allocation report (no database) for the export tests: three venues with known capacities,
// scores and curves, all real (recorded/live) or, with `simulated`, all fictional (the demo; an allocation
// never mixes the two), and optional hostile venue names and snapshot counts.
import { METHODOLOGY_VERSION } from "../scoring";
import { ITEM_IDS } from "../scoring/items";
import { allocate } from "./allocate";
import { allocationInputs, provenanceSummary } from "./report-venues";
import { allocationWarnings } from "./warnings";
import { AllocationRequest } from "./params";
import type { AllocationReport, ReportVenue } from "./types";

const curve = (k: number) =>
  [10_000, 50_000, 100_000, 250_000, 1_000_000, 5_000_000].map((n) => ({ notionalUsd: n, p50Bps: n >= 5_000_000 && k > 1.5 ? null : (k * n) / 100_000, p95NormalBps: null, p95StressBps: null, beyondShare: 0 }));

function sampleVenue(slug: string, name: string, provenance: string, score: number, capacityUsd: number, k: number, snapshots = 720): ReportVenue {
  return {
    slug,
    name,
    kind: "cex",
    chain: null,
    provenance,
    dataProvenance: [provenance],
    market: "BTCUSDT",
    rank: null,
    scoreTotal: score,
    confidence: 0.8,
    items: ITEM_IDS.map((id, i) => ({ id, label: id[0].toUpperCase() + id.slice(1), weight: 10, score: i === 5 ? null : Math.min(100, score + i), coverage: i === 5 ? 0 : 1 })),
    windowFromUtc: "2024-11-01T00:00:00.000Z",
    windowToUtc: "2024-11-30T23:00:00.000Z",
    snapshots,
    slippageP50Bps: k,
    capacity: { budgetBps: 10, capacityUsd, basis: "stress-p5", side: "buy", stressWindowCount: 2, buy: { overallP5Usd: capacityUsd * 2, overallMedianUsd: capacityUsd * 3, stressP5Usd: capacityUsd, insideCount: 40 }, sell: { overallP5Usd: capacityUsd * 2, overallMedianUsd: capacityUsd * 3, stressP5Usd: capacityUsd * 1.1, insideCount: 40 } },
    allInCostBps: 4 + k,
    curve: curve(k),
  };
}

export function sampleReport(opts: { names?: [string, string, string]; minScore?: number; targetOrderNotionalUsd?: number; simulated?: boolean; charlieSnapshots?: number } = {}): AllocationReport {
  const sim = opts.simulated === true;
  const [a, b, c] = opts.names ?? (sim ? ["Sim Alpha", "Sim Bravo", "Sim Charlie"] : ["Alpha Exchange", "Bravo Perps", "Charlie Futures"]);
  const venues = [
    sampleVenue("alpha", a, sim ? "simulated" : "recorded", 80, 400_000, 1.2),
    sampleVenue("bravo", b, sim ? "simulated" : "live", 60, 150_000, 2.5),
    sampleVenue("charlie", c, sim ? "simulated" : "recorded", 40, 120_000, 4, opts.charlieSnapshots),
  ];
  const params = AllocationRequest.parse({ capitalUsd: 1_000_000, targetOrderNotionalUsd: opts.targetOrderNotionalUsd ?? 100_000, slippageBudgetBps: 10, minScore: opts.minScore ?? 0, window: "30d", asset: "BTC", caps: { alpha: { sharePct: 30 } }, venueSet: sim ? "simulated" : "real" });
  const allocation = allocate({ capitalUsd: params.capitalUsd, targetOrderNotionalUsd: params.targetOrderNotionalUsd, slippageBudgetBps: 10, minScore: params.minScore, caps: { alpha: { share: 0.3 } }, venues: allocationInputs(venues) });
  const generatedAt = "2024-12-01T12:00:00.000Z";
  return { kind: "allocation", title: "Sample BTC allocation", generatedAt, methodologyVersion: METHODOLOGY_VERSION, params, allocation, venues, provenance: provenanceSummary(venues), warnings: allocationWarnings(allocation.lines, venues, params, generatedAt) };
}

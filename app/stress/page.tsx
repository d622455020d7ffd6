// /stress: run a portfolio through a margin stress scenario on every venue it trades, in cross and isolated
// margin, with the rule and the book behind each number. ?run=<id> opens a saved run.
import { db } from "@/lib/db";
import { marginRulesCoverage } from "@/lib/services/margin-rules";
import { stressOptions } from "@/lib/services/stress-options";
import { getStressRun, listStressRuns } from "@/lib/services/stress-runs";
import { stressPageRun } from "@/lib/views/stress";
import { StressBuilder } from "./_components/stress-builder";
import { MarginRulesTable } from "./_components/margin-rules-table";
import { SavedRuns } from "./_components/saved-runs";
import "./stress.css";

export const dynamic = "force-dynamic";
export const metadata = { title: "Margin stress tests — Venuescope" };

export default async function StressPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const runId = stressPageRun(sp.run);
  const [options, saved, runs, coverage] = await Promise.all([stressOptions(db()), runId ? getStressRun(db(), runId) : null, listStressRuns(db(), 20), marginRulesCoverage(db())]);
  return (
    <>
      <div className="page-head">
        <h1>Margin stress tests</h1>
        <span className="muted small">engine stress-1 · <a href="/methodology#formula-stress-liquidation-price">how it is computed</a></span>
      </div>
      <p className="muted">
        Enter or upload a portfolio (positions and collateral per venue), pick a scenario — a replayed stress window, price shocks that break correlations, funding spikes, drained
        books, collateral haircuts, late margin — and see, per venue, equity and margin ratio along the path, which positions the venue&apos;s margin rules liquidate and when, what
        the forced close costs on the stored (drained) book, and cross margin beside isolated.
      </p>
      {runId !== null && !saved ? <p className="banner" role="alert">No saved stress run {runId}.</p> : null}
      <MarginRulesTable rows={coverage} />
      <StressBuilder options={options} saved={saved ? { id: saved.id, title: saved.title, createdAt: saved.createdAt, run: saved.run } : null} />
      <SavedRuns runs={runs} />
    </>
  );
}

// /reports/<id>: a saved report beside a re-run of its parameters on today's data, with the differences.
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { fmtUtc } from "@/lib/format";
import { zSavedId } from "@/lib/views/params";
import { windowLabel } from "@/lib/reports/params";
import { usdWhole, venueSetLabel } from "@/lib/reports/report-format";
import { rerunSavedReport } from "@/lib/services/saved-reports";
import type { AllocationReport } from "@/lib/reports/types";
import { AllocationTable, Downloads, ProvenanceNotes, ReportWarnings } from "../_components/allocation-table";
import { reportWarnings } from "@/lib/reports/warnings";
import { ComparisonTable } from "../_components/comparison-table";

export const dynamic = "force-dynamic";

function Params({ r }: { r: AllocationReport }) {
  const p = r.params;
  const caps = Object.entries(p.caps).map(([slug, c]) => `${slug}: ${[c.usd !== undefined ? usdWhole(c.usd) : null, c.sharePct !== undefined ? `${c.sharePct} %` : null].filter(Boolean).join(" / ")}`);
  return (
    <dl className="kv">
      <dt>Capital</dt>
      <dd>{usdWhole(p.capitalUsd)}</dd>
      <dt>Target order notional</dt>
      <dd>{usdWhole(p.targetOrderNotionalUsd)}</dd>
      <dt>Slippage budget</dt>
      <dd>{p.slippageBudgetBps} bps</dd>
      <dt>Minimum score</dt>
      <dd>{p.minScore}</dd>
      <dt>Asset · window</dt>
      <dd>
        {p.asset} · {windowLabel(p)}
      </dd>
      <dt>Weights</dt>
      <dd>{p.weights && Object.keys(p.weights).length ? Object.entries(p.weights).map(([k, w]) => `${k} ${w}`).join(", ") : "methodology defaults"}</dd>
      <dt>Caps</dt>
      <dd>{caps.length ? caps.join("; ") : "none"}</dd>
      <dt>Excluded</dt>
      <dd>{p.exclude.length ? p.exclude.join(", ") : "none"}</dd>
      <dt>Venues</dt>
      <dd data-testid="venue-set">{venueSetLabel(r)}</dd>
    </dl>
  );
}

export default async function SavedReportPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = zSavedId.safeParse((await params).id);
  if (!parsed.success) notFound();
  const result = await rerunSavedReport(db(), parsed.data);
  if (!result) notFound();
  const { saved, rerun, comparison } = result;
  const r = saved.report;
  return (
    <>
      <p className="muted" style={{ margin: "0 0 4px" }}>
        <Link href="/reports">Reports</Link> / #{saved.id}
      </p>
      <div className="report-head">
        <div>
          <h1>{r.title}</h1>
          <p className="muted" style={{ marginTop: 0 }}>
            Saved {fmtUtc(saved.createdAt)} · methodology v{r.methodologyVersion}
          </p>
        </div>
        <Downloads id={saved.id} />
      </div>
      {r.provenance.simulated.length > 0 && (
        <p className="banner simulated" role="note" data-testid="simulated-demo">
          Simulated demo: every venue in this report is fictional ({r.provenance.simulated.join(", ")}). Not for real allocations.
        </p>
      )}
      <section className="panel" aria-labelledby="result-h" data-testid="report-result" data-report-id={saved.id}>
        <h2 id="result-h" style={{ marginTop: 0 }}>Proposed allocation</h2>
        <ReportWarnings warnings={reportWarnings(r)} />
        <AllocationTable allocation={r.allocation} budgetBps={r.params.slippageBudgetBps} dataDates={Object.fromEntries(r.venues.map((v) => [v.slug, { from: v.windowFromUtc, to: v.windowToUtc }]))} execution={Object.fromEntries(r.venues.map((v) => [v.slug, v.execution]))} />
      </section>
      <section className="panel" aria-labelledby="params-h">
        <h2 id="params-h" style={{ marginTop: 0 }}>Parameters</h2>
        <Params r={r} />
      </section>
      <section className="panel" aria-labelledby="diff-h">
        <h2 id="diff-h" style={{ marginTop: 0 }}>Saved vs re-run on today&apos;s data</h2>
        <p className="muted">
          Re-run {fmtUtc(comparison.rerunAt)} with the same parameters (not saved). Allocated {usdWhole(r.allocation.allocatedUsd)} then, {usdWhole(rerun.allocation.allocatedUsd)} now.
          {comparison.methodologyVersion.changed ? ` The methodology changed from v${comparison.methodologyVersion.saved} to v${comparison.methodologyVersion.rerun}.` : ""}
          {comparison.venues.every((v) => v.status === "same") ? " No venue's allocation, score or constraint changed." : ""}
        </p>
        <ComparisonTable comparison={comparison} />
      </section>
      <div className="side-by-side">
        <section className="panel" aria-labelledby="saved-h" data-testid="saved-allocation">
          <h2 id="saved-h" style={{ marginTop: 0 }}>Saved result ({fmtUtc(r.generatedAt)})</h2>
          <AllocationTable allocation={r.allocation} budgetBps={r.params.slippageBudgetBps} compact />
        </section>
        <section className="panel" aria-labelledby="rerun-h" data-testid="rerun-allocation">
          <h2 id="rerun-h" style={{ marginTop: 0 }}>Re-run today ({fmtUtc(rerun.generatedAt)})</h2>
          <AllocationTable allocation={rerun.allocation} budgetBps={rerun.params.slippageBudgetBps} compact />
        </section>
      </div>
      <section className="panel" aria-labelledby="prov-h">
        <h2 id="prov-h" style={{ marginTop: 0 }}>Data provenance</h2>
        <ProvenanceNotes notes={rerun.provenance.notes} simulated={[...new Set([...r.provenance.simulated, ...rerun.provenance.simulated])]} />
      </section>
    </>
  );
}

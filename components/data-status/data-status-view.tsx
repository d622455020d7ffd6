"use client";
// Data status: ingest runs (paginated, errors shown), freshness per venue and kind, the per-day coverage
// grid, and the coverage table per market. Page and filter live in the URL (?page=&runs=).
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { dataStatusQuery, parseDataStatusParams } from "@/lib/queries/data-status";
import { coverageQuery } from "@/lib/queries/coverage";
import { fmtUtc } from "@/lib/format";
import { DataBanners } from "../data-banners";
import { CoverageView } from "../coverage-view";
import { CLI, EmptyState } from "../empty-state";
import { RunsTable } from "./runs-table";
import { FreshnessTable } from "./freshness-table";
import { CoverageGrid } from "./coverage-grid";
import { BackfillsTable } from "./backfills-table";

export function DataStatusView() {
  const sp = useSearchParams();
  const p = parseDataStatusParams((k) => sp?.get(k));
  const status = useQuery(dataStatusQuery(p));
  const coverage = useQuery(coverageQuery);
  const hrefFor = (page: number, runs: "all" | "errors") => `/data?${new URLSearchParams({ ...(page > 1 ? { page: String(page) } : {}), ...(runs === "errors" ? { runs } : {}) }).toString()}`.replace(/\?$/, "");
  const provenances = new Set((coverage.data ?? []).flatMap((v) => [v.provenance, ...v.markets.flatMap((m) => [...m.depth.provenance, ...m.funding.provenance])]));
  return (
    <>
      <h1>Data status</h1>
      <p className="muted">What this installation holds, how fresh it is, and how the ingest runs that loaded it went.{status.data ? ` As of ${fmtUtc(status.data.generatedAt)}.` : ""}</p>
      <DataBanners provenances={provenances} />
      {status.isLoading ? (
        <p className="muted" role="status">
          Loading data status…
        </p>
      ) : status.error ? (
        <p className="error-text" role="alert">
          Could not load the data status: {status.error.message}
        </p>
      ) : status.data ? (
        <>
          {status.data.freshness.length === 0 ? <EmptyState command={[CLI.bootstrap, CLI.simulate, CLI.ingest("binance-usdm")]}>The database holds no venues yet.</EmptyState> : null}
          <section className="panel" aria-labelledby="runs-h">
            <div className="panel-head">
              <h2 id="runs-h">Ingest runs</h2>
              <span className="small muted" data-testid="run-counts">
                {status.data.runCounts.map((c) => `${c.count} ${c.status}`).join(" · ") || "none"}
              </span>
            </div>
            <RunsTable runs={status.data.runs} hrefFor={hrefFor} />
          </section>
          <section className="panel" aria-labelledby="backfills-h">
            <h2 id="backfills-h">Backfills</h2>
            <BackfillsTable backfills={status.data.backfills ?? []} />
          </section>
          <section className="panel" aria-labelledby="fresh-h">
            <h2 id="fresh-h">Freshness per venue and kind</h2>
            <FreshnessTable freshness={status.data.freshness} generatedAt={status.data.generatedAt} />
          </section>
          <section className="panel" aria-labelledby="grid-h" style={{ minWidth: 0 }}>
            <h2 id="grid-h">Coverage by day</h2>
            <CoverageGrid grid={status.data.grid} />
          </section>
        </>
      ) : null}
      <section className="panel" aria-labelledby="cov-h">
        <h2 id="cov-h">Coverage by market</h2>
        <CoverageView />
      </section>
    </>
  );
}

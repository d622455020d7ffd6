"use client";
// Compare 2–6 venues side by side: the item table with the best value per row marked, overlaid
// slippage-vs-notional curves, funding and all-in cost charts. The URL holds the whole state.
import { useMemo } from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { keyParamsOf, scorecardQuery } from "@/lib/queries/scorecard";
import { differentPeriods } from "@/lib/reports/warnings";
import { isStale, StaleRows, UpdatingNotice } from "../updating-notice";
import { rerank } from "@/lib/queries/rerank";
import { fmtNotional, MIN_COMPARE, viewSearch } from "@/lib/queries/view-params";
import { useViewParams } from "../use-view-params";
import { ViewControls, windowLabel } from "../view-controls";
import { DataBanners } from "../data-banners";
import { CLI, EmptyState } from "../empty-state";
import { ProvenanceBadge } from "../provenance-badge";
import { CompareCurvesChart } from "../charts/compare-curves-chart";
import { CompareBarsChart } from "../charts/compare-bars-chart";
import { CompareTable } from "./compare-table";
import { figurePeriod } from "./compare-rows";
import { VenuePicker } from "./venue-picker";
import { AssetCarryPanel } from "../carry/asset-carry-panel";
import { TermStructurePanel } from "../carry/term-structure-panel";

export function CompareView() {
  const [params, update] = useViewParams(["venues", "notional", "window", "asset", "weights"]);
  const query = useQuery({ ...scorecardQuery(params), placeholderData: keepPreviousData });
  // The rows on screen were computed for `shown`; while another notional/window loads they are stale.
  const wanted = keyParamsOf(params);
  const shown = query.data?.computedFor ?? wanted;
  const stale = isStale(query.data?.computedFor, wanted, query.isPlaceholderData);
  const all = useMemo(() => rerank(query.data?.venues ?? [], params.weights), [query.data, params.weights]);
  const chosen = params.venues.map((slug) => all.find((r) => r.row.venue.slug === slug)).filter((r) => r !== undefined);
  const unknown = params.venues.filter((slug) => !all.some((r) => r.row.venue.slug === slug));
  const provenances = new Set(chosen.flatMap((r) => [r.row.venue.provenance, ...(r.row.figures?.provenance ?? [])]));
  const venueHref = (slug: string, symbol?: string | null) => `/venues/${slug}${viewSearch({ ...params, symbol: symbol ?? null }, ["symbol", "notional", "window", "weights"])}`;
  const pickList = [...all].sort((a, b) => a.row.venue.name.localeCompare(b.row.venue.name)).map((r) => r.row.venue);

  const fundingData = chosen.map((r) => ({ name: r.row.venue.name, mean: r.row.figures?.funding?.meanAnnualizedSimple != null ? r.row.figures.funding.meanAnnualizedSimple * 100 : null, stdev: r.row.figures?.funding?.stdevAnnualizedSimple != null ? r.row.figures.funding.stdevAnnualizedSimple * 100 : null }));
  // Figures side by side from periods that do not overlap: the one "periods differ" rule of the reports.
  const dated = (pick: (r: (typeof chosen)[number]) => { from: number; to: number } | null) =>
    chosen.map((r) => {
      const p = pick(r);
      return { slug: r.row.venue.slug, name: r.row.venue.name, windowFromUtc: p ? new Date(p.from).toISOString() : null, windowToUtc: p ? new Date(p.to).toISOString() : null };
    });
  const periodWarnings = [differentPeriods(dated((r) => figurePeriod(r, "books")), "order-book figures"), differentPeriods(dated((r) => figurePeriod(r, "funding")), "funding figures")].filter((w) => w !== null);
  const costData = chosen.map((r) => ({ name: r.row.venue.name, taker: r.row.figures?.allIn?.takerBps ?? null, slippage: r.row.figures?.allIn?.slippageBps ?? null, carry: r.row.figures?.allIn?.fundingCarryBps ?? null }));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Compare venues</h1>
          <p className="muted" style={{ margin: 0 }}>
            {shown.asset} at <strong data-testid="shown-notional">{fmtNotional(shown.notional)}</strong>, <span data-testid="shown-window">{windowLabel(shown.window).toLowerCase()}</span> up to each market&apos;s latest data; the date under each figure is
            the period of the data it rests on (UTC). This page&apos;s address reproduces the view.
          </p>
        </div>
      </div>
      <DataBanners provenances={provenances} />
      <section className="panel" aria-label="Compare settings">
        <ViewControls params={params} update={update} show={["notional", "window", "asset"]} />
        <div style={{ marginTop: 12 }}>
          {query.isLoading ? <p className="muted">Loading venues…</p> : <VenuePicker venues={pickList} selected={params.venues} onChange={(v) => update({ venues: v })} />}
        </div>
        {unknown.length ? <p className="error-text small">Not found in the database: {unknown.join(", ")}.</p> : null}
      </section>
      {stale && !query.error ? <UpdatingNotice shown={shown} wanted={wanted} /> : null}
      {query.error ? (
        <p role="alert" className="error-text">
          Could not load the venues: {query.error.message}
        </p>
      ) : query.isLoading ? (
        <p className="muted" role="status">
          Computing figures…
        </p>
      ) : all.length === 0 ? (
        <EmptyState command={[CLI.bootstrap, CLI.simulate]}>No venues in the database.</EmptyState>
      ) : chosen.length < MIN_COMPARE ? (
        <EmptyState>Pick at least {MIN_COMPARE} venues above to compare them.</EmptyState>
      ) : (
        <StaleRows stale={stale}>
          {periodWarnings.map((w) => (
            <div key={w.message} className="periods-warning" role="alert" data-testid="periods-warning" data-venues={w.venues.join(",")}>
              <strong>Different periods:</strong> {w.message}.
            </div>
          ))}
          <section className="panel" aria-labelledby="cmp-table-h">
            <div className="panel-head">
              <h2 id="cmp-table-h">Side by side</h2>
              <span className="muted small">★ best in row · weights as on the scorecards · <Link href={`/${viewSearch(params, ["notional", "window", "asset", "weights"])}`}>change weights</Link></span>
            </div>
            <CompareTable rows={chosen} venueHref={venueHref} />
          </section>
          <div className="grid-2">
            <section className="panel" aria-labelledby="cmp-curve-h" style={{ minWidth: 0 }}>
              <div className="panel-head">
                <h2 id="cmp-curve-h">Slippage vs notional</h2>
                <span>{[...provenances].map((p) => <ProvenanceBadge key={p} provenance={p} />)}</span>
              </div>
              <CompareCurvesChart venues={chosen.map((r) => ({ slug: r.row.venue.slug, name: r.row.venue.name, curve: r.row.figures?.curve ?? [] }))} targetNotionalUsd={shown.notional} />
            </section>
            <section className="panel" aria-labelledby="cmp-cost-h" style={{ minWidth: 0 }}>
              <div className="panel-head">
                <h2 id="cmp-cost-h">All-in cost at {fmtNotional(shown.notional)}</h2>
                <span>{[...provenances].map((p) => <ProvenanceBadge key={p} provenance={p} />)}</span>
              </div>
              <CompareBarsChart
                testId="chart-compare-cost"
                label="All-in cost per venue"
                data={costData}
                bars={[
                  { key: "taker", label: "taker fee", color: "var(--c1)", stackId: "c" },
                  { key: "slippage", label: "p50 buy slippage", color: "var(--c2)", stackId: "c" },
                  { key: "carry", label: "funding carry, 24 h", color: "var(--c4)", stackId: "c" },
                ]}
                yTitle="Cost (bps, one way)"
                unit="bps"
                caption="Entry-tier taker fee + p50 slippage of a market buy at the target notional; funding carry over 24 h stacked on top where funding is known. A missing part means no data, not zero."
                empty="None of these venues has both a fee schedule and order-book data."
              />
            </section>
            <section className="panel" aria-labelledby="cmp-funding-h" style={{ minWidth: 0 }}>
              <div className="panel-head">
                <h2 id="cmp-funding-h">Funding</h2>
                <span>{[...provenances].map((p) => <ProvenanceBadge key={p} provenance={p} />)}</span>
              </div>
              <CompareBarsChart
                testId="chart-compare-funding"
                label="Funding mean and dispersion per venue"
                data={fundingData}
                bars={[
                  { key: "mean", label: "mean, annualized", color: "var(--c1)" },
                  { key: "stdev", label: "stdev, annualized", color: "var(--c5)" },
                ]}
                yTitle="Funding (% per year)"
                unit="% / yr"
                caption="Simple annualization (per-8h rate × 1095) over each market's funding window; positive = longs pay shorts."
                empty="None of these venues has funding records in this window."
              />
            </section>
          </div>
          {/* Real and simulated venues are never listed together: the carry panel follows the chosen venues' group. */}
          <AssetCarryPanel
            asset={params.asset}
            venues={chosen.filter((r) => (r.row.venue.provenance === "simulated") === chosen.every((c) => c.row.venue.provenance === "simulated")).map((r) => r.row.venue.slug)}
            otherGroup={chosen.filter((r) => (r.row.venue.provenance === "simulated") !== chosen.every((c) => c.row.venue.provenance === "simulated")).map((r) => r.row.venue.name)}
            simulated={chosen.every((r) => r.row.venue.provenance === "simulated")}
            notional={params.notional}
            window={params.window}
          />
          <TermStructurePanel asset={params.asset} venues={chosen.map((r) => r.row.venue.slug)} />
        </StaleRows>
      )}
    </>
  );
}

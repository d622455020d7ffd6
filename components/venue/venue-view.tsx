"use client";
// A venue page: pick a market, notional and window; the checklist with its evidence, the figures behind
// it, charts (slippage vs notional, slippage over time with stress, depth, funding, liquidations vs OI),
// fee history, curated facts and data coverage. State lives in the URL; data comes through react-query.
import type { ReactNode } from "react";
import { useId } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { marketSeriesQuery, venueMarketQuery, venueProfileQuery } from "@/lib/queries/venue";
import { fmtNotional, viewSearch } from "@/lib/queries/view-params";
import { scoreVenue } from "@/lib/scoring";
import { fmtDay, fmtPct } from "@/lib/format";
import { useViewParams } from "../use-view-params";
import { ViewControls, windowLabel } from "../view-controls";
import { DataBanners } from "../data-banners";
import { ProvenanceBadge } from "../provenance-badge";
import { ChildVenueLinks, VenueParentTag } from "../venue-parent-tag";
import { CLI, EmptyState } from "../empty-state";
import { SlippageCurveChart } from "../charts/slippage-curve-chart";
import { SlippageTimeChart } from "../charts/slippage-time-chart";
import { DepthBandsChart } from "../charts/depth-bands-chart";
import { RefillChart } from "../charts/refill-chart";
import { RealizedSlippageChart } from "../charts/realized-slippage-chart";
import { FundingChart } from "../charts/funding-chart";
import { LiquidationsChart } from "../charts/liquidations-chart";
import { Checklist } from "./checklist";
import { KeyFigures } from "./key-figures";
import { FeeHistory } from "./fee-history";
import { FactsList } from "./facts-list";
import { MarketCoverage } from "./market-coverage";
import { MarketCarryPanel } from "../carry/market-carry-panel";
import { TermStructurePanel } from "../carry/term-structure-panel";

function Panel({ id, title, provenance, note, children }: { id: string; title: string; provenance?: string[]; note?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel" id={id} aria-labelledby={`${id}-h`} style={{ minWidth: 0 }}>
      <div className="panel-head">
        <h2 id={`${id}-h`}>{title}</h2>
        <span className="inline small">
          {note ? <span className="muted">{note}</span> : null}
          {provenance?.map((p) => <ProvenanceBadge key={p} provenance={p} />)}
        </span>
      </div>
      {children}
    </section>
  );
}

const Loading = ({ what }: { what: string }) => (
  <p className="muted" role="status">
    Loading {what}…
  </p>
);
const Failed = ({ what, error }: { what: string; error: Error }) => (
  <p className="error-text" role="alert">
    Could not load {what}: {error.message}
  </p>
);

export function VenueView({ slug }: { slug: string }) {
  const [params, update] = useViewParams(["symbol", "notional", "window", "weights"]);
  const selectId = useId();
  const profile = useQuery(venueProfileQuery(slug));
  const symbol = params.symbol ?? profile.data?.defaultSymbol ?? null;
  const key = { slug, symbol: symbol ?? "", notional: params.notional, window: params.window };
  const market = useQuery({ ...venueMarketQuery(key), enabled: symbol !== null });
  const series = useQuery({ ...marketSeriesQuery(key), enabled: symbol !== null });

  if (profile.isLoading) return <Loading what="the venue" />;
  if (profile.error || !profile.data) return <Failed what="the venue" error={profile.error ?? new Error("no data")} />;
  const p = profile.data;
  const f = market.data?.figures;
  const score = market.data ? scoreVenue(market.data.input, params.weights) : null;
  const base = p.markets.find((m) => m.symbol === symbol)?.base ?? null;
  const windowNote = f?.window ? `${windowLabel(params.window)}: ${fmtDay(f.window.from)} → ${fmtDay(f.window.to)}` : windowLabel(params.window);
  const back = `/${viewSearch(params, ["notional", "window", "weights"])}`;

  return (
    <>
      <p className="small" style={{ margin: "0 0 6px" }}>
        <Link href={back}>← Scorecards</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>
            {p.venue.name} <ProvenanceBadge provenance={p.venue.provenance} /> <span className={`badge ${p.venue.kind}`}>{p.venue.kind === "dex" ? `DEX${p.venue.chain ? ` · ${p.venue.chain}` : ""}` : "CEX"}</span> <VenueParentTag slug={slug} />
          </h1>
          <p className="muted small" style={{ margin: 0 }}>
            {[
              ["website", p.venue.websiteUrl],
              ["docs", p.venue.docsUrl],
              ["API docs", p.venue.apiDocsUrl],
            ]
              .filter(([, u]) => u)
              .map(([label, u], i) => (
                <span key={label}>
                  {i > 0 ? " · " : ""}
                  <a href={u!} rel="noreferrer noopener" target="_blank">
                    {label}
                  </a>
                </span>
              ))}
          </p>
          <ChildVenueLinks slug={slug} />
        </div>
      </div>
      <DataBanners provenances={[p.venue.provenance, ...(f?.provenance ?? [])]} />
      <section className="panel" aria-label="Market and view settings">
        <div className="controls">
          <div className="field">
            <label htmlFor={selectId}>Market</label>
            <select id={selectId} value={symbol ?? ""} onChange={(e) => update({ symbol: e.target.value })} data-testid="market-select" disabled={p.markets.length === 0}>
              {p.markets.length === 0 ? <option value="">no market with data</option> : null}
              {symbol !== null && !p.markets.some((m) => m.symbol === symbol) ? <option value={symbol}>{symbol} — no such market</option> : null}
              {p.markets.map((m) => (
                <option key={m.symbol} value={m.symbol}>
                  {m.symbol} — {m.books} snapshots, {m.funding} funding
                </option>
              ))}
            </select>
          </div>
          <ViewControls params={params} update={update} show={["notional", "window"]} />
        </div>
      </section>
      {symbol === null ? (
        p.markets.length > 0 ? (
          <EmptyState command={[CLI.ingest(slug, " --markets BTC")]}>
            {p.venue.name} has no BTC market with data, so on the scorecard it has no total (insufficient data). Pick one of its other markets above to see that market&apos;s checklist.
          </EmptyState>
        ) : (
          <EmptyState command={[CLI.ingest(slug, " --markets BTC"), CLI.bootstrap]}>No market of {p.venue.name} has stored data yet.</EmptyState>
        )
      ) : (
        <>
          <Panel id="checklist" title={`Checklist at ${fmtNotional(params.notional)}`} note={windowNote} provenance={f?.provenance}>
            {market.isLoading ? (
              <Loading what="the checklist" />
            ) : market.error ? (
              <Failed what="the checklist" error={market.error} />
            ) : score ? (
              <>
                <p style={{ marginTop: 0 }} data-testid="venue-total">
                  Total <strong style={{ fontSize: 18 }}>{score.total === null ? "insufficient data" : score.total.toFixed(1)}</strong>
                  {score.total === null ? ` (${score.reason})` : " / 100"} · confidence {fmtPct(score.confidence, 0)} ·{" "}
                  {score.droppedItems.length ? `no data for ${score.droppedItems.length} items (weight ${score.droppedWeight}, counted 0)` : "every item has data"} · market {symbol}
                </p>
                <Checklist score={score} />
              </>
            ) : null}
          </Panel>
          {f ? (
            <Panel id="figures" title="Figures" note={`${symbol}, ${windowNote}`}>
              <KeyFigures f={f} />
            </Panel>
          ) : null}
          <div className="grid-2">
            <Panel id="slippage-curve" title="Slippage vs notional" provenance={f && f.snapshots.inWindow > 0 ? f.provenance : []} note={windowNote}>
              {f ? <SlippageCurveChart curve={f.curve} targetNotionalUsd={params.notional} /> : market.error ? <Failed what="figures" error={market.error} /> : <Loading what="figures" />}
            </Panel>
            <Panel id="depth" title="Depth by band" provenance={f && f.snapshots.inWindow > 0 ? f.provenance : []} note={windowNote}>
              {f ? <DepthBandsChart bands={f.depthBands} /> : market.error ? <Failed what="figures" error={market.error} /> : <Loading what="figures" />}
            </Panel>
            <Panel id="realized-slippage" title="Implied vs realized slippage by size" provenance={f?.realized?.provenance ?? []} note={f?.realized ? `${fmtDay(f.realized.window.from)} → ${fmtDay(f.realized.window.to)}` : undefined}>
              {f ? <RealizedSlippageChart realized={f.realized} /> : market.error ? <Failed what="figures" error={market.error} /> : <Loading what="figures" />}
            </Panel>
            <Panel id="refill" title="Book refill after depth drops" provenance={f?.refill ? f.provenance : []} note={windowNote}>
              {f ? <RefillChart refill={f.refill} /> : market.error ? <Failed what="figures" error={market.error} /> : <Loading what="figures" />}
            </Panel>
            <Panel id="slippage-time" title={`Slippage over time at ${fmtNotional(params.notional)}`} provenance={series.data?.slippage.provenance} note={windowNote}>
              {series.data ? <SlippageTimeChart series={series.data} /> : series.error ? <Failed what="the series" error={series.error} /> : <Loading what="the series" />}
            </Panel>
            <Panel id="funding" title="Funding, annualized" provenance={series.data?.funding.provenance} note={series.data?.funding.window ? `${fmtDay(series.data.funding.window.from)} → ${fmtDay(series.data.funding.window.to)}` : undefined}>
              {series.data ? <FundingChart funding={series.data.funding} /> : series.error ? <Failed what="the series" error={series.error} /> : <Loading what="the series" />}
              {p.has?.funding === false ? <p className="nodata small">Funding history is not published by this venue.</p> : null}
            </Panel>
            <Panel id="liquidations" title="Liquidations vs open interest" provenance={f?.liquidations ? f.provenance : []} note={f?.liquidations ? `${fmtDay(f.liquidations.window.from)} → ${fmtDay(f.liquidations.window.to)}` : undefined}>
              {f ? <LiquidationsChart perDay={f.liquidations?.perDay ?? []} /> : market.error ? <Failed what="figures" error={market.error} /> : <Loading what="figures" />}
              {p.has?.liquidations === false ? <p className="nodata small">Liquidations are not published by this venue&apos;s REST API{p.notes.liquidations ? `: ${p.notes.liquidations}` : "."}</p> : null}
            </Panel>
          </div>
          {symbol !== null ? <MarketCarryPanel venue={slug} symbol={symbol} notional={params.notional} window={params.window} /> : null}
          {base !== null ? <TermStructurePanel asset={base} venue={slug} /> : null}
        </>
      )}
      <Panel id="fees" title="Fee schedule history" provenance={[...new Set(p.fees.map((x) => x.provenance))]}>
        {p.fees.length ? <FeeHistory fees={p.fees} /> : p.has?.fees === false ? <p className="nodata">Fees are not published by this venue&apos;s API.</p> : <EmptyState command={CLI.ingest(slug, " --kinds fees")}>No fee schedule stored.</EmptyState>}
      </Panel>
      <Panel id="facts" title="Curated facts" provenance={[...new Set(p.facts.map((x) => x.provenance))]} note={`stale after ${p.factStaleDays} days`}>
        {p.facts.length ? <FactsList slug={slug} facts={p.facts} staleDays={p.factStaleDays} /> : <EmptyState command={CLI.bootstrap}>No curated facts for this venue. Add a profile in data/facts/{slug}.json and load it with bootstrap.</EmptyState>}
      </Panel>
      <Panel id="coverage" title="Data coverage and provenance" note={<Link href="/data">ingest runs →</Link>}>
        <MarketCoverage coverage={p.coverage} symbol={symbol} base={base} />
      </Panel>
    </>
  );
}

"use client";
// Scorecards (home): every venue ranked by checklist score for the chosen notional, window, asset and
// weights. Figures come from the server (react-query, hydrated from the page's prefetch); weights re-score
// and re-rank here in the browser, and the URL keeps the whole view linkable.
import { useEffect, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { keyParamsOf, scorecardQuery } from "@/lib/queries/scorecard";
import { isStale, StaleRows, UpdatingNotice } from "../updating-notice";
import { rerank } from "@/lib/queries/rerank";
import { fmtNotional, formatWeights, MAX_COMPARE, MIN_COMPARE, parseWeights, viewSearch } from "@/lib/queries/view-params";
import type { Weights } from "@/lib/scoring/items";
import { useViewParams } from "../use-view-params";
import { ViewControls, windowLabel } from "../view-controls";
import { DataBanners } from "../data-banners";
import { CLI, EmptyState } from "../empty-state";
import { RankingList } from "./ranking-list";
import { WeightSliders } from "./weight-sliders";
import { WeightProfilesPanel } from "./weight-profiles-panel";

/** Weights in local state for smooth sliders, written to the URL shortly after they settle. */
function useUrlWeights(urlWeights: Weights, write: (w: Weights) => void): [Weights, (w: Weights) => void] {
  const [weights, setWeights] = useState(urlWeights);
  const urlKey = formatWeights(urlWeights) ?? "";
  const written = useRef(urlKey);
  useEffect(() => {
    // The URL changed from outside (back/forward, a pasted link): follow it.
    if (urlKey !== written.current) {
      written.current = urlKey;
      setWeights(parseWeights(urlKey));
    }
  }, [urlKey]);
  useEffect(() => {
    const key = formatWeights(weights) ?? "";
    if (key === written.current) return;
    const t = setTimeout(() => {
      written.current = key;
      write(weights);
    }, 200);
    return () => clearTimeout(t);
  }, [weights, write]);
  return [weights, setWeights];
}

export function ScorecardsView() {
  const [params, update] = useViewParams(["notional", "window", "asset", "simulated", "weights"]);
  // Keep the current ranking on screen (marked as updating) while another notional/window/asset loads.
  const query = useQuery({ ...scorecardQuery(params), placeholderData: keepPreviousData });
  // What the rows on screen were computed for: the heading names it; while another key loads they are stale.
  const wanted = keyParamsOf(params);
  const shown = query.data?.computedFor ?? wanted;
  const stale = isStale(query.data?.computedFor, wanted, query.isPlaceholderData);
  const writeWeights = useMemo(() => (w: Weights) => update({ weights: w }, "replace"), [update]);
  const [weights, setWeights] = useUrlWeights(params.weights, writeWeights);
  const [selected, setSelected] = useState<string[]>([]);

  const rows = useMemo(() => (query.data?.venues ?? []).filter((r) => params.simulated || r.venue.provenance !== "simulated"), [query.data, params.simulated]);
  const ranked = useMemo(() => rerank(rows, weights), [rows, weights]);
  const hiddenSimulated = (query.data?.venues ?? []).filter((r) => r.venue.provenance === "simulated").length;
  const provenances = new Set(rows.flatMap((r) => [r.venue.provenance, ...(r.figures?.provenance ?? [])]));
  const linkParams = { ...params, weights };
  // The venue page opens on the row's own market, notional, window and weights: the same total as here.
  const venueHref = (slug: string, symbol?: string | null) => `/venues/${slug}${viewSearch({ ...linkParams, symbol: symbol ?? null }, ["symbol", "notional", "window", "weights"])}`;
  const compareHref = `/compare${viewSearch({ ...linkParams, venues: selected }, ["venues", "notional", "window", "asset", "weights"])}`;
  // The same view as a file: the export route takes the scorecard query (weights as a JSON object).
  const exportHref = (format: "csv" | "json") =>
    `/api/reports/scorecard-export?${new URLSearchParams({ format, notional: String(params.notional), window: params.window, asset: params.asset, weights: JSON.stringify(weights), simulated: params.simulated ? "show" : "hide" })}`;
  const toggle = (slug: string) => setSelected((s) => (s.includes(slug) ? s.filter((x) => x !== slug) : s.length >= MAX_COMPARE ? s : [...s, slug]));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Venue scorecards</h1>
          <p className="muted" style={{ margin: 0 }}>
            Perpetual-futures venues ranked by checklist score for a market order of <strong data-testid="shown-notional">{fmtNotional(shown.notional)}</strong> in {shown.asset}, over the{" "}
            <strong data-testid="shown-window">{windowLabel(shown.window).toLowerCase()}</strong> up to each market&apos;s latest data. <Link href="/methodology">How scores are computed</Link>.
          </p>
        </div>
      </div>
      <DataBanners provenances={provenances} />
      <section className="panel" aria-label="View settings">
        <ViewControls params={params} update={update} />
      </section>
      <div className="layout-side">
        <section className="panel" aria-labelledby="ranking-h" style={{ minWidth: 0 }} aria-busy={query.isFetching} data-testid="ranking-panel" data-state={stale || query.isFetching ? "updating" : "ready"}>
          <div className="panel-head">
            <h2 id="ranking-h">Ranking</h2>
            <span className="inline small">
              {query.isFetching && !stale ? <span className="muted">Updating…</span> : null}
              <span className="muted">
                Export <a href={exportHref("csv")} download data-testid="export-csv">CSV</a> · <a href={exportHref("json")} download>JSON</a>
              </span>
              <span className="muted">{selected.length} selected</span>
              {selected.length >= MIN_COMPARE ? (
                <Link href={compareHref} data-testid="compare-selected">
                  Compare selected →
                </Link>
              ) : (
                <span className="muted">select {MIN_COMPARE}–{MAX_COMPARE} venues to compare</span>
              )}
            </span>
          </div>
          {query.isLoading ? (
            <p className="muted" role="status">
              Computing scorecards…
            </p>
          ) : query.error ? (
            <p role="alert" className="error-text">
              Could not load the scorecards: {query.error.message}
            </p>
          ) : ranked.length === 0 ? (
            <EmptyState command={[CLI.bootstrap, CLI.simulate]}>
              {hiddenSimulated > 0 ? `${hiddenSimulated} simulated venues are hidden — tick “Show simulated venues”, or load real data:` : "No venues in the database. Load the bundled recorded data or generate simulated venues:"}
            </EmptyState>
          ) : (
            <>
              {stale ? <UpdatingNotice shown={shown} wanted={wanted} /> : null}
              <StaleRows stale={stale}>
                <RankingList ranked={ranked} asset={shown.asset} venueHref={venueHref} selected={selected} onToggle={toggle} />
              </StaleRows>
              {ranked.some((r) => r.rank === null) ? (
                <p className="muted small">
                  Unranked venues have no {params.asset} data in this window for any weighted item. Ingest some with e.g. <code>{CLI.ingest("<venue>", ` --markets ${params.asset}`)}</code>.
                </p>
              ) : null}
              <p className="muted small">
                Bars are item scores 0–100 (red &lt; 40 ≤ amber &lt; 70 ≤ green); a hatched “no data” box means the item has no figure or fact and drops out of the total — it is not a low score. The
                range under each rank is its best–worst rank when any one weight moves ±5 points.
              </p>
            </>
          )}
        </section>
        <aside className="panel" aria-labelledby="weights-h">
          <h2 id="weights-h">Weights</h2>
          <p className="muted small" style={{ marginTop: 0 }}>
            Moving a slider re-ranks instantly in your browser.
          </p>
          <WeightSliders weights={weights} onChange={setWeights} />
          <hr style={{ border: 0, borderTop: "1px solid var(--border)", margin: "14px 0" }} />
          <WeightProfilesPanel weights={weights} onApply={setWeights} />
        </aside>
      </div>
    </>
  );
}

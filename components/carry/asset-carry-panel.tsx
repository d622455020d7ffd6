"use client";
// Compare's carry panel: each chosen venue's funding carry for the asset over the same window, as money and
// annualized, with the rolling-hold spread. Real and simulated venues are asked for separately, never mixed.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { CarrySide } from "@/lib/metrics/carry";
import { assetCarryQuery } from "@/lib/queries/carry";
import type { WindowPreset } from "@/lib/views/windows";
import { fmtDay, fmtUsd } from "@/lib/format";
import { ProvenanceBadge } from "../provenance-badge";
import { CompareBarsChart } from "../charts/compare-bars-chart";
import { CarryControls, fmtApr } from "./carry-controls";

export function AssetCarryPanel({ asset, venues, otherGroup, simulated, notional, window }: { asset: string; venues: string[]; otherGroup: string[]; simulated: boolean; notional: number; window: WindowPreset }) {
  const [side, setSide] = useState<CarrySide>("long");
  const [hold, setHold] = useState(7);
  const q = useQuery(assetCarryQuery({ asset, simulated, notional, window, side, hold, venues }));
  const d = q.data?.dispersion ?? null;
  const rows = (q.data?.rows ?? []).filter((r) => venues.includes(r.venue));
  const missing = venues.filter((v) => !rows.some((r) => r.venue === v));
  const bars = rows.map((r) => ({ name: r.venueName, carry: r.annualized === null ? null : r.annualized * 100, p5: r.rolling?.p5 == null ? null : r.rolling.p5 * 100, p95: r.rolling?.p95 == null ? null : r.rolling.p95 * 100 }));
  return (
    <section className="panel" aria-labelledby="cmp-carry-h" style={{ minWidth: 0 }} data-testid="compare-carry">
      <div className="panel-head">
        <h2 id="cmp-carry-h">Funding carry, {asset} {side}</h2>
        <CarryControls side={side} hold={hold} onSide={setSide} onHold={setHold} />
      </div>
      {q.isLoading ? (
        <p className="muted" role="status">
          Loading the carry…
        </p>
      ) : q.error ? (
        <p className="error-text" role="alert">
          Could not load the carry: {q.error.message}
        </p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table small" data-testid="compare-carry-table">
              <thead>
                <tr>
                  <th>venue</th>
                  <th>market</th>
                  <th>window</th>
                  <th>settlements</th>
                  <th>carry on {fmtUsd(notional)}</th>
                  <th>annualized</th>
                  <th>{hold} d holds p5 / p50 / p95</th>
                  <th>data</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.venue}>
                    <td>{r.venueName}</td>
                    <td>{r.symbol}</td>
                    <td>{r.window ? `${fmtDay(r.window.from)} → ${fmtDay(r.window.to)}` : "no data"}</td>
                    <td>
                      {r.count} ({r.intervalsHours.map((h) => `${h} h`).join(", ") || "no interval"})
                    </td>
                    <td>{fmtUsd(r.carryUsd)}</td>
                    <td>{fmtApr(r.annualized)}</td>
                    <td>{r.rolling && r.rolling.windows > 0 ? `${fmtApr(r.rolling.p5)} / ${fmtApr(r.rolling.p50)} / ${fmtApr(r.rolling.p95)}` : "no data"}</td>
                    <td>
                      {r.provenance.map((p) => <ProvenanceBadge key={p} provenance={p} />)}
                      {r.notionalBasis === "constant-notional" ? <span className="muted"> constant notional</span> : null}
                    </td>
                  </tr>
                ))}
                {missing.map((v) => (
                  <tr key={v}>
                    <td>{v}</td>
                    <td colSpan={7} className="nodata">
                      no settled {asset} funding stored
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="small" data-testid="compare-dispersion">
            {!d || d.hours === 0
              ? "Cross-venue dispersion: no hours in which two of these venues both have settled funding (each venue's window ends at its own latest data)."
              : `Cross-venue dispersion over ${d.hours} common hours (${d.venues.length} venues, each normalised per hour by its own interval): highest − lowest funding p50 ${fmtApr(d.p50SpreadAnnualized)}, p95 ${fmtApr(d.p95SpreadAnnualized)}, max ${fmtApr(d.maxSpreadAnnualized)}; ${d.runCount} runs of one venue pair above 5 %/yr, longest ${d.longestRun ? `${d.longestRun.hours} h (short ${d.longestRun.high} / long ${d.longestRun.low}, ${(d.longestRun.grossRate * 1e4).toFixed(1)} bps collected${d.longestRun.netRate === null ? ", fees unknown" : `, ${(d.longestRun.netRate * 1e4).toFixed(1)} bps after taker fees on both legs`})` : "none"}; ${d.profitableRuns === null ? "fees unknown" : `${d.profitableRuns} of ${d.costedRuns} costed runs beat the fees`}.`}
          </p>
          {otherGroup.length ? <p className="small muted">Simulated venues are not listed beside real ones: {otherGroup.join(", ")} left out.</p> : null}
          <CompareBarsChart
            testId="chart-compare-carry"
            label="Funding carry per venue, annualized"
            data={bars}
            bars={[
              { key: "carry", label: "carry over the window", color: "var(--c1)" },
              { key: "p5", label: `p5 of ${hold} d holds`, color: "var(--c5)" },
              { key: "p95", label: `p95 of ${hold} d holds`, color: "var(--c4)" },
            ]}
            yTitle="Carry (% per year)"
            unit="% / yr"
            caption={`Cash flow to a ${side} position (positive = received), annualized over the hours the settlements cover; each settlement with its own interval. Each venue's window ends at its own latest settlement.`}
            empty="None of these venues has settled funding for this asset in the window."
          />
        </>
      )}
    </section>
  );
}

"use client";
// The venue page's carry panel: what a long or short position of the page's notional paid or received in funding
// over the window (each settlement's own interval, price at settlement where stored), the distribution over
// rolling holds, carry inside stress windows, and the venue's cap.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { CarrySide } from "@/lib/metrics/carry";
import { marketCarryQuery } from "@/lib/queries/carry";
import type { WindowPreset } from "@/lib/views/windows";
import { fmtDay, fmtUsd } from "@/lib/format";
import { CarryChart } from "../charts/carry-chart";
import { ProvenanceBadge } from "../provenance-badge";
import { fmtUtcTs } from "../charts/chart-kit";
import { CarryControls, fmtApr } from "./carry-controls";

export function MarketCarryPanel({ venue, symbol, notional, window }: { venue: string; symbol: string; notional: number; window: WindowPreset }) {
  const [side, setSide] = useState<CarrySide>("long");
  const [hold, setHold] = useState(7);
  const q = useQuery(marketCarryQuery({ venue, symbol, notional, window, side, hold }));
  const v = q.data;
  const s = v?.summary;
  return (
    <section className="panel" id="carry" aria-labelledby="carry-h" style={{ minWidth: 0 }} data-testid="carry-panel">
      <div className="panel-head">
        <h2 id="carry-h">Funding carry of a {fmtUsd(notional)} position</h2>
        <span className="inline small">
          <CarryControls side={side} hold={hold} onSide={setSide} onHold={setHold} />
          {v?.provenance.map((p) => <ProvenanceBadge key={p} provenance={p} />)}
        </span>
      </div>
      {q.isLoading ? (
        <p className="muted" role="status">
          Loading the carry…
        </p>
      ) : q.error ? (
        <p className="error-text" role="alert">
          Could not load the carry: {q.error.message}
        </p>
      ) : !v || !s || !v.window || s.count === 0 ? (
        <p className="nodata">No settled funding for {symbol} in this window.</p>
      ) : (
        <>
          <p data-testid="carry-summary">
            {fmtDay(v.window.from)} → {fmtDay(v.window.to)}: the {side} {s.carryUsd! < 0 ? "paid" : "received"} <strong>{fmtUsd(Math.abs(s.carryUsd!))}</strong> over {s.count} settlements, <strong>{fmtApr(s.annualized)}</strong> annualized over the {s.coveredHours.toFixed(0)} hours they cover (coverage {Math.round((s.coverage ?? 0) * 100)} %); intervals {s.intervalsHours.map((h) => `${h} h`).join(", ")}.
          </p>
          <p className="small muted">
            {s.notionalBasis === "constant-notional"
              ? "No price is stored with these settlements: each is charged on the constant USD notional (an approximation — price moves change real payments)."
              : "Each settlement is charged at the price stored with it (mark, else the venue's index/oracle price) on the quantity bought at the first one."}{" "}
            {s.capRate !== null ? `Venue cap ±${(s.capRate * 100).toFixed(3)} % per interval: ${s.capHits} settlements at the cap; all at the cap against the position would cost ${fmtUsd(-(s.worstCaseAtCapUsd ?? 0))}.` : "The venue publishes no funding cap we store."}
            {v.truncated ? " Only the latest 50,000 settlements are counted." : ""}
          </p>
          <p className="small" data-testid="carry-prediction">
            {v.prediction === null
              ? "Predicted vs settled: no settled record in this window replaced a published estimate (estimates are kept only when read before the settlement arrives)."
              : `Predicted vs settled over ${v.prediction.matched} settlements: mean absolute error ${(v.prediction.mae! * 1e4).toFixed(3)} bps per interval, bias ${(v.prediction.bias! * 1e4).toFixed(3)} bps (positive: the estimate overstated), ${Math.round(v.prediction.exactShare! * 100)} % exact${v.prediction.medianLeadHours === null ? "; read times unknown (imported, not read live)" : `; read a median ${v.prediction.medianLeadHours.toFixed(1)} h before settling`}.`}
          </p>
          <div className="table-wrap">
            <table className="table small" data-testid="carry-rolling">
              <caption className="muted">Rolling {hold}-day holds</caption>
              <thead>
                <tr>
                  <th>holds</th>
                  <th>p5</th>
                  <th>p50</th>
                  <th>p95</th>
                </tr>
              </thead>
              <tbody>
                {v.rolling && v.rolling.windows > 0 ? (
                  <tr>
                    <td>{v.rolling.windows}</td>
                    <td>
                      {fmtApr(v.rolling.p5)} ({fmtUsd(v.rolling.p5Usd)})
                    </td>
                    <td>
                      {fmtApr(v.rolling.p50)} ({fmtUsd(v.rolling.p50Usd)})
                    </td>
                    <td>
                      {fmtApr(v.rolling.p95)} ({fmtUsd(v.rolling.p95Usd)})
                    </td>
                  </tr>
                ) : (
                  <tr>
                    <td colSpan={4} className="nodata">
                      Fewer than {hold} days of settlements: no rolling hold.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          {v.stress.length ? (
            <p className="small">
              In stress windows:{" "}
              {v.stress.map((w) => `${fmtUtcTs(w.from)}: ${w.count ? `${fmtUsd(w.carryUsd)} (${fmtApr(w.annualized)})` : "no settlement"}`).join("; ")}.
            </p>
          ) : (
            <p className="small muted">No stress window detected in this market&apos;s books over the window.</p>
          )}
          <CarryChart carry={v} />
        </>
      )}
    </section>
  );
}

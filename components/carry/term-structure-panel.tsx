"use client";
// The dated-futures curve beside the perpetual's funding: per venue that lists dated futures we store, the latest
// snapshot's annualized basis per maturity (a curve over days to expiry), 30/60/90-day constant maturities, the
// perp funding annualized and whether it diverged from the curve's front end for a week or more.
import { useQuery } from "@tanstack/react-query";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { termStructureQuery } from "@/lib/queries/carry";
import type { VenueTermStructure } from "@/lib/views/term-structure";
import { fmtDay } from "@/lib/format";
import { ChartFrame, MARGIN, SERIES_COLORS, TICK, fmtUtcTs, pctTick, xLabel, yLabel } from "../charts/chart-kit";
import { ProvenanceBadge } from "../provenance-badge";
import { fmtApr } from "./carry-controls";

function CurveChart({ venues }: { venues: VenueTermStructure[] }) {
  const shown = venues.filter((v) => v.latest && v.latest.maturities.length > 0);
  if (shown.length === 0) return null;
  return (
    <ChartFrame testId="chart-term-structure" label="Annualized basis by days to expiry" height={240} caption="Annualized basis (mark − index) / index × 365 / days of each listed maturity at the latest snapshot; dashed: the perpetual's funding annualized (rate × 8760 / interval).">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="days" type="number" domain={[0, "dataMax"]} tick={TICK} label={xLabel("Days to expiry")} allowDuplicatedCategory={false} />
          <YAxis tick={TICK} tickFormatter={pctTick} width={56} label={yLabel("Annualized (% per year)")} />
          <Tooltip formatter={(v, name) => [`${Number(v).toFixed(2)} % / yr`, name]} labelFormatter={(d) => `${Number(d).toFixed(1)} days`} />
          <Legend verticalAlign="top" height={24} />
          {shown.map((v, i) => (
            <Line key={v.venue} data={v.latest!.maturities.map((m) => ({ days: m.daysToExpiry, apr: m.annualized * 100 }))} dataKey="apr" name={`${v.venueName} basis`} stroke={SERIES_COLORS[i % SERIES_COLORS.length]} dot={{ r: 3 }} isAnimationActive={false} />
          ))}
          {shown.map((v, i) => (v.latest!.perpFundingAnnualized !== null ? <ReferenceLine key={`${v.venue}-perp`} y={v.latest!.perpFundingAnnualized * 100} stroke={SERIES_COLORS[i % SERIES_COLORS.length]} strokeDasharray="4 3" /> : null))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function TermStructurePanel({ asset, venue, venues }: { asset: string; venue?: string; venues?: string[] }) {
  const q = useQuery(termStructureQuery({ asset, venue }));
  const rows = (q.data?.venues ?? []).filter((v) => !venues || venues.includes(v.venue));
  return (
    <section className="panel" aria-labelledby="term-h" style={{ minWidth: 0 }} data-testid="term-structure">
      <div className="panel-head">
        <h2 id="term-h">Dated futures curve, {asset}</h2>
        <span className="inline small">{[...new Set(rows.flatMap((r) => r.provenance))].map((p) => <ProvenanceBadge key={p} provenance={p} />)}</span>
      </div>
      {q.isLoading ? (
        <p className="muted" role="status">
          Loading the curve…
        </p>
      ) : q.error ? (
        <p className="error-text" role="alert">
          Could not load the curve: {q.error.message}
        </p>
      ) : rows.length === 0 ? (
        <p className="nodata" data-testid="term-none">
          No dated {asset} futures stored for {venue ?? "these venues"}. Dated-futures quotes are read from Binance COIN-M so far; OKX, Deribit, Bybit and Kraken list dated futures too but are not ingested yet.
        </p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table small" data-testid="term-table">
              <thead>
                <tr>
                  <th>venue</th>
                  <th>snapshot</th>
                  <th>maturities (days: annualized basis)</th>
                  <th>30 / 60 / 90 d</th>
                  <th>perp funding</th>
                  <th>divergence</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((v) => {
                  const t = v.latest;
                  return (
                    <tr key={v.venue}>
                      <td>{v.venueName}</td>
                      <td>{t ? fmtUtcTs(t.ts) : "no data"}</td>
                      <td>
                        {t && t.maturities.length ? t.maturities.map((m) => `${m.symbol} ${m.daysToExpiry.toFixed(1)} d: ${fmtApr(m.annualized)}`).join("; ") : "no live maturity"}
                        {t && t.excluded.length ? <span className="muted"> (left out: {t.excluded.map((e) => `${e.symbol} ${e.reason}`).join(", ")})</span> : null}
                      </td>
                      <td>{t ? t.constantMaturity.map((c) => (c.annualized === null ? "—" : fmtApr(c.annualized))).join(" / ") : "no data"}</td>
                      <td>{fmtApr(t?.perpFundingAnnualized)}</td>
                      <td>
                        {v.divergence.longestRun === null
                          ? `none over ${v.snapshots} snapshot${v.snapshots === 1 ? "" : "s"}`
                          : `${v.divergence.flagged ? "FLAG: " : ""}perp ${v.divergence.longestRun.sign > 0 ? "above" : "below"} the front end by > 5 %/yr for ${v.divergence.longestRun.days.toFixed(1)} d (${fmtDay(v.divergence.longestRun.from)} → ${fmtDay(v.divergence.longestRun.to)}, ${v.divergence.longestRun.snapshots} snapshots)`}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="small muted">Constant maturities interpolate linearly between listed maturities and are not extrapolated (— outside them). A divergence is flagged when it lasts 7 days or more.</p>
          <CurveChart venues={rows} />
        </>
      )}
    </section>
  );
}

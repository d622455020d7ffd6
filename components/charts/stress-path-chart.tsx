"use client";
// One venue account along the scenario path, one unit per chart: equity in USD (cross and isolated) with each
// liquidation marked on the equity line it hit, then the margin ratio in % (maintenance / equity; liquidation at
// 100 %) on its own chart below, on the same hours axis.
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AccountRun } from "@/lib/stress/simulate-account";
import { ChartFrame, MARGIN, TICK, usdTick, xLabel, yLabel } from "./chart-kit";

const RATIO_CAP_PCT = 150; // ratios above this (or a bankrupt account) are drawn at the cap

/** A path value at `hours`, read off the straight segments the chart draws between steps. */
export function valueOnPath(path: { hours: number; equityUsd: number }[], hours: number): number | null {
  if (path.length === 0) return null;
  if (hours <= path[0].hours) return path[0].equityUsd;
  for (let i = 1; i < path.length; i++) {
    const [a, b] = [path[i - 1], path[i]];
    if (hours <= b.hours) return b.hours === a.hours ? b.equityUsd : a.equityUsd + ((b.equityUsd - a.equityUsd) * (hours - a.hours)) / (b.hours - a.hours);
  }
  return path[path.length - 1].equityUsd;
}

/** An "×" marker centred on the line (recharts hands the dot's pixel centre as cx, cy). */
function LiquidationMark({ cx, cy, color, label }: { cx?: number; cy?: number; color: string; label: string }) {
  if (cx === undefined || cy === undefined) return <g />;
  const d = 5;
  return (
    <g data-testid="liquidation-marker" aria-label={label}>
      <title>{label}</title>
      <circle cx={cx} cy={cy} r={d + 2} fill="var(--panel, #fff)" stroke={color} strokeWidth={1.5} />
      <path d={`M${cx - d} ${cy - d}L${cx + d} ${cy + d}M${cx - d} ${cy + d}L${cx + d} ${cy - d}`} stroke={color} strokeWidth={2} />
    </g>
  );
}

export function StressPathChart({ venueName, cross, isolated, provenance }: { venueName: string; cross: AccountRun; isolated: AccountRun; provenance: string }) {
  const ratio = (r: number | null) => (r === null ? null : Number.isFinite(r) ? Math.min(r * 100, RATIO_CAP_PCT) : RATIO_CAP_PCT);
  const data = cross.path.map((p, i) => ({
    hours: p.hours,
    equityCross: p.equityUsd,
    equityIsolated: isolated.path[i]?.equityUsd ?? null,
    ratioCross: ratio(p.marginRatio),
    ratioIsolated: ratio(isolated.path[i]?.marginRatio ?? null),
  }));
  const marks = (run: AccountRun, mode: "cross" | "isolated", color: string) =>
    run.positions
      .filter((p) => p.liquidation)
      .map((p) => {
        const h = p.liquidation!.hours;
        return { h, equity: valueOnPath(run.path, h), label: `${p.symbol} liquidated (${mode}) at hour ${h.toFixed(2)}`, color };
      });
  const liqs = [...marks(cross, "cross", "var(--c1)"), ...marks(isolated, "isolated", "var(--c2)")];
  const hoursAxis = <XAxis dataKey="hours" type="number" domain={[0, "dataMax"]} tick={TICK} tickFormatter={(h) => `${+Number(h).toFixed(1)}h`} label={xLabel("Hours from scenario start")} />;
  return (
    <>
      <ChartFrame
        testId="chart-stress-path"
        label={`${venueName}: equity along the scenario, liquidations marked`}
        caption={
          <>
            {venueName} ({provenance}): account equity in USD, cross and isolated margin.
            {liqs.length ? ` Liquidations (× on the equity line): ${liqs.map((l) => `${l.label.replace(" liquidated", "")}`).join("; ")}.` : " No liquidation in either mode."}
          </>
        }
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" />
            {hoursAxis}
            <YAxis tick={TICK} tickFormatter={usdTick} width={64} label={yLabel("Equity (USD)")} />
            <Tooltip formatter={(v, name) => [v === null || v === undefined ? "flat" : usdTick(Number(v)), name]} labelFormatter={(h) => `hour ${Number(h).toFixed(2)}`} />
            <Legend verticalAlign="top" height={24} />
            <Line type="linear" dataKey="equityCross" name="equity, cross" stroke="var(--c1)" dot={false} strokeWidth={1.8} isAnimationActive={false} />
            <Line type="linear" dataKey="equityIsolated" name="equity, isolated" stroke="var(--c2)" dot={false} strokeWidth={1.8} isAnimationActive={false} />
            {liqs
              .filter((l) => l.equity !== null)
              .map((l) => (
                <ReferenceDot key={l.label} x={l.h} y={l.equity!} ifOverflow="extendDomain" shape={(p: { cx?: number; cy?: number }) => <LiquidationMark cx={p.cx} cy={p.cy} color={l.color} label={l.label} />} />
              ))}
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFrame>
      <ChartFrame
        testId="chart-stress-margin"
        height={180}
        label={`${venueName}: margin ratio along the scenario`}
        caption={<>Margin ratio = maintenance ÷ equity, in %; the venue liquidates at 100 % (drawn capped at {RATIO_CAP_PCT} %).</>}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" />
            {hoursAxis}
            <YAxis tick={TICK} tickFormatter={(v) => `${v}%`} domain={[0, RATIO_CAP_PCT]} width={64} label={yLabel("Margin ratio (%)")} />
            <Tooltip formatter={(v, name) => [v === null || v === undefined ? "flat" : `${Number(v).toFixed(1)} %`, name]} labelFormatter={(h) => `hour ${Number(h).toFixed(2)}`} />
            <Legend verticalAlign="top" height={24} />
            <ReferenceLine y={100} stroke="var(--bad)" strokeDasharray="2 2" label={{ value: "liquidation", position: "insideTopRight", fontSize: 10, fill: "var(--bad)" }} />
            <Line type="linear" dataKey="ratioCross" name="margin ratio, cross" stroke="var(--c1)" dot={false} strokeWidth={1.5} isAnimationActive={false} connectNulls={false} />
            <Line type="linear" dataKey="ratioIsolated" name="margin ratio, isolated" stroke="var(--c2)" strokeDasharray="5 3" dot={false} strokeWidth={1.5} isAnimationActive={false} connectNulls={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFrame>
    </>
  );
}

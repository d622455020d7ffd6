"use client";
// One venue account along the scenario path: equity (USD, left axis) and margin ratio (maintenance / equity,
// right axis; liquidation at 100 %) in cross and in isolated margin, with each liquidation marked.
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AccountRun } from "@/lib/stress/simulate-account";
import { ChartFrame, MARGIN, TICK, usdTick, xLabel, yLabel } from "./chart-kit";

const RATIO_CAP_PCT = 150; // ratios above this (or a bankrupt account) are drawn at the cap

export function StressPathChart({ venueName, cross, isolated, provenance }: { venueName: string; cross: AccountRun; isolated: AccountRun; provenance: string }) {
  const ratio = (r: number | null) => (r === null ? null : Number.isFinite(r) ? Math.min(r * 100, RATIO_CAP_PCT) : RATIO_CAP_PCT);
  const data = cross.path.map((p, i) => ({
    hours: p.hours,
    equityCross: p.equityUsd,
    equityIsolated: isolated.path[i]?.equityUsd ?? null,
    ratioCross: ratio(p.marginRatio),
    ratioIsolated: ratio(isolated.path[i]?.marginRatio ?? null),
  }));
  const liqs = [
    ...cross.positions.filter((p) => p.liquidation).map((p) => ({ h: p.liquidation!.hours, label: `${p.symbol} (cross)`, color: "var(--c1)" })),
    ...isolated.positions.filter((p) => p.liquidation).map((p) => ({ h: p.liquidation!.hours, label: `${p.symbol} (isolated)`, color: "var(--c2)" })),
  ];
  return (
    <ChartFrame
      testId="chart-stress-path"
      label={`${venueName}: equity and margin ratio along the scenario`}
      caption={
        <>
          {venueName} ({provenance}): equity in USD (solid) and margin ratio = maintenance ÷ equity (dashed, right axis; the venue liquidates at 100 %, drawn capped at {RATIO_CAP_PCT} %).
          {liqs.length ? ` Liquidations (vertical lines): ${liqs.map((l) => `${l.label} at hour ${l.h.toFixed(2)}`).join("; ")}.` : " No liquidation in either mode."}
        </>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="hours" type="number" domain={[0, "dataMax"]} tick={TICK} tickFormatter={(h) => `${+Number(h).toFixed(1)}h`} label={xLabel("Hours from scenario start")} />
          <YAxis yAxisId="usd" tick={TICK} tickFormatter={usdTick} width={64} label={yLabel("Equity (USD)")} />
          <YAxis yAxisId="ratio" orientation="right" tick={TICK} tickFormatter={(v) => `${v}%`} domain={[0, RATIO_CAP_PCT]} width={48} label={yLabel("Margin ratio (%)", "right")} />
          <Tooltip formatter={(v, name) => [v === null || v === undefined ? "flat" : String(name).includes("ratio") ? `${Number(v).toFixed(1)} %` : usdTick(Number(v)), name]} labelFormatter={(h) => `hour ${Number(h).toFixed(2)}`} />
          <Legend verticalAlign="top" height={24} />
          <ReferenceLine yAxisId="ratio" y={100} stroke="var(--bad)" strokeDasharray="2 2" label={{ value: "liquidation", position: "insideTopRight", fontSize: 10, fill: "var(--bad)" }} />
          {liqs.map((l) => (
            <ReferenceLine key={l.label} yAxisId="usd" x={l.h} stroke={l.color} strokeDasharray="4 3" />
          ))}
          <Line yAxisId="usd" type="linear" dataKey="equityCross" name="equity, cross" stroke="var(--c1)" dot={false} strokeWidth={1.8} isAnimationActive={false} />
          <Line yAxisId="usd" type="linear" dataKey="equityIsolated" name="equity, isolated" stroke="var(--c2)" dot={false} strokeWidth={1.8} isAnimationActive={false} />
          <Line yAxisId="ratio" type="linear" dataKey="ratioCross" name="margin ratio, cross" stroke="var(--c1)" strokeDasharray="5 3" dot={false} strokeWidth={1} isAnimationActive={false} connectNulls={false} />
          <Line yAxisId="ratio" type="linear" dataKey="ratioIsolated" name="margin ratio, isolated" stroke="var(--c2)" strokeDasharray="5 3" dot={false} strokeWidth={1} isAnimationActive={false} connectNulls={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

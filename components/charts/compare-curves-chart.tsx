"use client";
// Slippage-vs-notional curves of several venues overlaid (p50, market buy). A line stops where that venue's
// visible book could no longer fill the order (beyond visible depth).
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CurvePoint } from "@/lib/views/market";
import { fmtNotional } from "@/lib/queries/view-params";
import { ChartFrame, MARGIN, NoChartData, SERIES_COLORS, TICK, bpsTick, notionalTick, xLabel, yLabel } from "./chart-kit";

export function CompareCurvesChart({ venues, targetNotionalUsd }: { venues: { slug: string; name: string; curve: CurvePoint[] }[]; targetNotionalUsd: number }) {
  const withCurve = venues.filter((v) => v.curve.some((p) => p.p50Bps !== null));
  if (withCurve.length === 0) return <NoChartData>None of these venues has order-book snapshots in this window.</NoChartData>;
  const xs = [...new Set(withCurve.flatMap((v) => v.curve.map((p) => p.notionalUsd)))].sort((a, b) => a - b);
  const data = xs.map((x) => Object.fromEntries([["notionalUsd", x], ...withCurve.map((v) => [v.slug, v.curve.find((p) => p.notionalUsd === x)?.p50Bps ?? null])]));
  const stops = withCurve.map((v) => ({ v, at: v.curve.find((p) => p.p50Bps === null && (p.beyondShare ?? 0) > 0)?.notionalUsd })).filter((s) => s.at !== undefined);
  return (
    <ChartFrame
      testId="chart-compare-curves"
      label="Slippage versus notional, venues overlaid"
      caption={stops.length ? `Beyond visible depth from: ${stops.map((s) => `${s.v.name} ${fmtNotional(s.at!)}`).join(", ")} (the line stops there).` : "Every venue's visible book filled every notional shown."}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="notionalUsd" type="number" scale="log" domain={["dataMin", "dataMax"]} ticks={xs} tickFormatter={notionalTick} tick={TICK} label={xLabel("Order notional (USD, log scale)")} />
          <YAxis tick={TICK} tickFormatter={bpsTick} width={56} label={yLabel("p50 slippage (bps)")} domain={[0, "auto"]} />
          <Tooltip labelFormatter={(v) => `Notional ${fmtNotional(Number(v))}`} formatter={(v, name) => [v === null || v === undefined ? "beyond visible depth / no data" : `${Number(v).toFixed(2)} bps`, name]} />
          <Legend verticalAlign="top" height={24} />
          <ReferenceLine x={targetNotionalUsd} stroke="var(--muted)" strokeDasharray="2 2" />
          {withCurve.map((v, i) => (
            <Line key={v.slug} type="linear" dataKey={v.slug} name={v.name} stroke={SERIES_COLORS[i % SERIES_COLORS.length]} strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

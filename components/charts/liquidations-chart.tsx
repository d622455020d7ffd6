"use client";
// Liquidations per UTC day (longs and shorts liquidated, stacked) against open interest on a second axis.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LiquidationDay } from "@/lib/metrics/liquidations";
import { fmtUsd } from "@/lib/format";
import { ChartFrame, MARGIN, NoChartData, TICK, timeDomain, timeTick, usdTick, xLabel, yLabel } from "./chart-kit";
import { DAY_MS } from "@/lib/metrics/time";

export function LiquidationsChart({ perDay }: { perDay: LiquidationDay[] }) {
  if (perDay.length === 0) return <NoChartData>No liquidations or open-interest readings in this window.</NoChartData>;
  const data = perDay.map((d) => ({ ts: d.dayStart, longs: d.sellUsd, shorts: d.buyUsd, oi: d.meanOiUsd }));
  const [from, to] = timeDomain(data[0].ts - 43_200_000, data[data.length - 1].ts + 43_200_000);
  return (
    <ChartFrame testId="chart-liquidations" label="Liquidations against open interest" caption="Bars: liquidated notional per UTC day (a sell order closes a long, a buy closes a short). Line: mean open interest that day (single-sided).">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ ...MARGIN, right: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="ts" type="number" scale="time" domain={[from, to]} tickFormatter={timeTick(Math.max(to - from, 3 * DAY_MS))} tick={TICK} label={xLabel("UTC day")} />
          <YAxis yAxisId="liq" tick={TICK} tickFormatter={usdTick} width={64} label={yLabel("Liquidated (USD / day)")} />
          <YAxis yAxisId="oi" orientation="right" tick={TICK} tickFormatter={usdTick} width={64} label={yLabel("Open interest (USD)", "right")} />
          <Tooltip labelFormatter={(v) => new Date(Number(v)).toISOString().slice(0, 10)} formatter={(v, name) => [v === null || v === undefined ? "no data" : fmtUsd(Number(v)), name]} />
          <Legend verticalAlign="top" height={24} />
          <Bar yAxisId="liq" dataKey="longs" name="longs liquidated" stackId="l" fill="var(--ask)" isAnimationActive={false} />
          <Bar yAxisId="liq" dataKey="shorts" name="shorts liquidated" stackId="l" fill="var(--bid)" isAnimationActive={false} />
          <Line yAxisId="oi" type="monotone" dataKey="oi" name="open interest" stroke="var(--c4)" dot={data.length < 20 ? { r: 3 } : false} connectNulls isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

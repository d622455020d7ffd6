"use client";
// Slippage over time at the target notional (buy and sell), from an evenly thinned sample of snapshots,
// with the detected stress windows shaded. Snapshots beyond visible depth leave gaps and are counted below.
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MarketSeries } from "@/lib/views/market";
import { ChartFrame, MARGIN, NoChartData, TICK, bpsTick, fmtUtcTs, timeDomain, timeTick, xLabel, yLabel } from "./chart-kit";

export function SlippageTimeChart({ series }: { series: MarketSeries }) {
  const s = series.slippage;
  if (!series.window || s.points.length === 0) return <NoChartData>No order-book snapshots in this window: no slippage series.</NoChartData>;
  const [from, to] = timeDomain(series.window.from, series.window.to);
  const few = s.points.length < 40;
  return (
    <ChartFrame
      testId="chart-slippage-time"
      label="Slippage over time"
      caption={
        <>
          {s.sampled} of {s.inWindow} snapshots in the window, evenly spaced. {series.stressWindows.length} stress window{series.stressWindows.length === 1 ? "" : "s"} shaded.{" "}
          {s.beyondBuy + s.beyondSell > 0 ? `Beyond visible depth (gaps): ${s.beyondBuy} buy, ${s.beyondSell} sell.` : "Every sampled snapshot could fill the order."}
        </>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={s.points} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="ts" type="number" scale="time" domain={[from, to]} tickFormatter={timeTick(to - from)} tick={TICK} label={xLabel("Time (UTC)")} />
          <YAxis tick={TICK} tickFormatter={bpsTick} width={56} label={yLabel("Slippage (bps)")} domain={[0, "auto"]} />
          <Tooltip labelFormatter={(v) => fmtUtcTs(Number(v))} formatter={(v, name) => [v === null || v === undefined ? "beyond visible depth" : `${Number(v).toFixed(2)} bps`, name]} />
          <Legend verticalAlign="top" height={24} />
          {series.stressWindows.map((w, i) => (
            <ReferenceArea key={`${w.from}-${i}`} x1={w.from} x2={w.to} fill="var(--stress)" fillOpacity={1} ifOverflow="hidden" label={i === 0 ? { value: "stress", position: "insideTopLeft", fontSize: 10, fill: "var(--bad)" } : undefined} />
          ))}
          <Line type="linear" dataKey="buyBps" name="buy" stroke="var(--c1)" dot={few ? { r: 3 } : false} strokeWidth={1.5} connectNulls={false} isAnimationActive={false} />
          <Line type="linear" dataKey="sellBps" name="sell" stroke="var(--c2)" dot={few ? { r: 3 } : false} strokeWidth={1.5} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

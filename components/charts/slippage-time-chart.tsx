"use client";
// Slippage over time at the target notional as percentile bands: per period, the 50th percentile (line)
// and the band up to the 95th (worse of buy and sell, lib/metrics/slippage-bands.ts), from an evenly thinned
// sample of snapshots, with the detected stress windows shaded. Periods beyond visible depth leave gaps.
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MarketSeries } from "@/lib/views/market";
import { bandPeriodMs, slippageBands } from "@/lib/metrics/slippage-bands";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/metrics/time";
import { ChartFrame, MARGIN, NoChartData, TICK, bpsTick, fmtUtcTs, timeDomain, timeTick, xLabel, yLabel } from "./chart-kit";

const periodLabel = (ms: number) => (ms >= DAY_MS ? `${ms / DAY_MS} d` : ms >= HOUR_MS ? `${ms / HOUR_MS} h` : `${ms / MINUTE_MS} min`);

export function SlippageTimeChart({ series }: { series: MarketSeries }) {
  const s = series.slippage;
  if (!series.window || s.points.length === 0) return <NoChartData>No order-book snapshots in this window: no slippage series.</NoChartData>;
  const [from, to] = timeDomain(series.window.from, series.window.to);
  const periodMs = bandPeriodMs(series.window.from, series.window.to);
  const bands = slippageBands(s.points, series.window, periodMs).map((b) => ({ ...b, band: b.p50Bps !== null && b.p95Bps !== null ? [b.p50Bps, b.p95Bps] : null }));
  const unknownP95 = bands.filter((b) => b.p95Bps === null).length;
  const few = bands.length < 40;
  return (
    <ChartFrame
      testId="chart-slippage-time"
      label="Slippage over time (p50 and p95 per period)"
      caption={
        <>
          Worse of buy and sell, per {periodLabel(periodMs)} period: line = median (p50), band = up to the 95th percentile. {s.sampled} of {s.inWindow} snapshots in the window, evenly spaced. {series.stressWindows.length} stress window
          {series.stressWindows.length === 1 ? "" : "s"} shaded. {s.beyondBuy + s.beyondSell > 0 ? `Beyond visible depth: ${s.beyondBuy} buy, ${s.beyondSell} sell${unknownP95 ? ` (${unknownP95} period${unknownP95 === 1 ? "" : "s"} with p95 unknown: gap)` : ""}.` : "Every sampled snapshot could fill the order."}
        </>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={bands} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="midTs" type="number" scale="time" domain={[from, to]} tickFormatter={timeTick(to - from)} tick={TICK} label={xLabel("Time (UTC)")} />
          <YAxis tick={TICK} tickFormatter={bpsTick} width={56} label={yLabel("Slippage (bps)")} domain={[0, "auto"]} />
          <Tooltip
            labelFormatter={(v) => `${fmtUtcTs(Number(v))} (period midpoint)`}
            formatter={(v, name) => {
              if (name === "p50–p95 band") return [Array.isArray(v) ? `${Number(v[0]).toFixed(2)}–${Number(v[1]).toFixed(2)} bps` : "p95 unknown (beyond visible depth)", name];
              return [v === null || v === undefined ? "beyond visible depth" : `${Number(v).toFixed(2)} bps`, name];
            }}
          />
          <Legend verticalAlign="top" height={24} />
          {series.stressWindows.map((w, i) => (
            <ReferenceArea key={`${w.from}-${i}`} x1={w.from} x2={w.to} fill="var(--stress)" fillOpacity={1} ifOverflow="hidden" label={i === 0 ? { value: "stress", position: "insideTopLeft", fontSize: 10, fill: "var(--bad)" } : undefined} />
          ))}
          <Area type="linear" dataKey="band" name="p50–p95 band" stroke="var(--c2)" strokeWidth={1} fill="var(--c2)" fillOpacity={0.25} connectNulls={false} isAnimationActive={false} className="slippage-band" />
          <Line type="linear" dataKey="p50Bps" name="p50 (median)" stroke="var(--c1)" dot={few ? { r: 3 } : false} strokeWidth={2} connectNulls={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

"use client";
// Cumulative funding carry of a position (USD, + received / − paid) settlement by settlement, with each change of
// funding interval marked.
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MarketCarryView } from "@/lib/views/carry";
import { ChartFrame, MARGIN, NoChartData, TICK, fmtUtcTs, timeDomain, timeTick, usdTick, xLabel, yLabel } from "./chart-kit";

export function CarryChart({ carry }: { carry: MarketCarryView }) {
  const s = carry.summary;
  if (!carry.window || !s || carry.points.length === 0) return <NoChartData>No settled funding in this window.</NoChartData>;
  const [from, to] = timeDomain(carry.window.from, carry.window.to);
  return (
    <ChartFrame
      testId="chart-carry"
      label="Cumulative funding carry"
      height={240}
      caption={
        <>
          Cumulative cash flow of a {carry.side} position, settlement by settlement ({s.count} settlements{carry.points.length < s.count ? `, ${carry.points.length} plotted` : ""}); positive = received.{" "}
          {s.intervalChanges.length ? `Interval changes (dashed): ${s.intervalChanges.map((c) => `${c.fromHours} h → ${c.toHours} h at ${fmtUtcTs(c.ts)}`).join("; ")}.` : ""}
        </>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={carry.points} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="ts" type="number" scale="time" domain={[from, to]} tickFormatter={timeTick(to - from)} tick={TICK} label={xLabel("Settlement time (UTC)")} />
          <YAxis tick={TICK} tickFormatter={usdTick} width={64} label={yLabel("Cumulative carry (USD)")} />
          <Tooltip labelFormatter={(v) => fmtUtcTs(Number(v))} formatter={(v) => [usdTick(Number(v)), "cumulative carry"]} />
          <ReferenceLine y={0} stroke="var(--muted)" />
          {s.intervalChanges.map((c) => (
            <ReferenceLine key={c.ts} x={c.ts} stroke="var(--warn)" strokeDasharray="4 3" />
          ))}
          <Line type="stepAfter" dataKey="cumulativeUsd" name="cumulative carry" stroke="var(--c1)" dot={carry.points.length < 40 ? { r: 3 } : false} strokeWidth={1.5} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

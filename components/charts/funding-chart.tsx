"use client";
// Funding over time, annualized (simple: rate × 8760 / interval), with the premium (or mark/index basis)
// annualized alike beside it, and each confirmed change of funding interval marked.
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MarketSeries } from "@/lib/views/market";
import { ChartFrame, MARGIN, NoChartData, TICK, fmtUtcTs, pctTick, timeDomain, timeTick, xLabel, yLabel } from "./chart-kit";

export function FundingChart({ funding }: { funding: MarketSeries["funding"] }) {
  if (!funding.window || funding.points.length === 0) return <NoChartData>No funding records in this window.</NoChartData>;
  const data = funding.points.map((p) => ({ ts: p.ts, apr: p.aprSimple === null ? null : p.aprSimple * 100, premium: p.premiumApr === null ? null : p.premiumApr * 100, interval: p.intervalHours }));
  const hasPremium = data.some((d) => d.premium !== null);
  const [from, to] = timeDomain(funding.window.from, funding.window.to);
  const few = data.length < 40;
  return (
    <ChartFrame
      testId="chart-funding"
      label="Funding annualized over time"
      caption={
        <>
          {funding.count} settled records{funding.points.length < funding.count ? ` (${funding.points.length} plotted, evenly spaced)` : ""}.{" "}
          {funding.intervalChanges.length ? `Interval changes (dashed lines): ${funding.intervalChanges.map((c) => `${c.fromHours} h → ${c.toHours} h at ${fmtUtcTs(c.ts)}`).join("; ")}.` : "No change of funding interval in this window."}{" "}
          {hasPremium ? "" : "The venue publishes no premium for these records."}
        </>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="ts" type="number" scale="time" domain={[from, to]} tickFormatter={timeTick(to - from)} tick={TICK} label={xLabel("Funding time (UTC)")} />
          <YAxis tick={TICK} tickFormatter={pctTick} width={56} label={yLabel("Annualized (% per year)")} />
          <Tooltip labelFormatter={(v) => fmtUtcTs(Number(v))} formatter={(v, name) => [v === null || v === undefined ? "no data" : `${Number(v).toFixed(2)} % / yr`, name]} />
          <Legend verticalAlign="top" height={24} />
          <ReferenceLine y={0} stroke="var(--muted)" />
          {funding.intervalChanges.map((c) => (
            <ReferenceLine key={c.ts} x={c.ts} stroke="var(--warn)" strokeDasharray="4 3" label={{ value: `${c.fromHours}h→${c.toHours}h`, position: "insideTopRight", fontSize: 10, fill: "var(--warn)" }} />
          ))}
          <Line type="linear" dataKey="apr" name="funding rate, annualized" stroke="var(--c1)" dot={few ? { r: 3 } : false} strokeWidth={1.5} isAnimationActive={false} />
          {hasPremium ? <Line type="linear" dataKey="premium" name="premium, annualized" stroke="var(--c2)" strokeDasharray="4 2" dot={false} strokeWidth={1} isAnimationActive={false} /> : null}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

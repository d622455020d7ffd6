"use client";
// Slippage vs notional for one market: p50, p95 in normal conditions and p95 inside stress windows, on a
// log notional axis. Notionals the visible book could not fill (beyondShare > 0, or no filled snapshot) are
// shaded "beyond visible depth": the line stops there rather than showing an invented number.
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CurvePoint } from "@/lib/views/market";
import { fmtNotional } from "@/lib/queries/view-params";
import { fmtPct } from "@/lib/format";
import { ChartFrame, MARGIN, NoChartData, TICK, bpsTick, notionalTick, xLabel, yLabel } from "./chart-kit";

export function SlippageCurveChart({ curve, targetNotionalUsd }: { curve: CurvePoint[]; targetNotionalUsd: number }) {
  if (curve.length === 0 || curve.every((p) => p.p50Bps === null && p.beyondShare === null)) return <NoChartData>No order-book snapshots in this window: no slippage curve.</NoChartData>;
  const beyondAll = curve.find((p) => p.p50Bps === null && (p.beyondShare ?? 0) > 0);
  const partial = curve.filter((p) => p.p50Bps !== null && (p.beyondShare ?? 0) > 0);
  const maxX = curve[curve.length - 1].notionalUsd;
  // Shade from the last notional the book could still fill (the line stops there) to the end of the axis.
  const beyondIdx = beyondAll ? curve.indexOf(beyondAll) : -1;
  const shadeFrom = beyondIdx > 0 ? curve[beyondIdx - 1].notionalUsd : beyondAll?.notionalUsd;
  const maxY = Math.max(0.1, ...curve.flatMap((p) => [p.p50Bps, p.p95NormalBps, p.p95StressBps]).filter((v): v is number => v !== null));
  return (
    <ChartFrame
      testId="chart-slippage-curve"
      label="Slippage versus notional"
      caption={
        <>
          Market buy, walked through each sampled book. {beyondAll ? `At ${fmtNotional(beyondAll.notionalUsd)}${beyondIdx < curve.length - 1 ? " and above" : ""} the visible book could not fill the order in any snapshot (shaded: beyond visible depth, no number is drawn). ` : ""}
          {partial.length ? `Orange rings: some snapshots beyond visible depth at ${partial.map((p) => `${fmtNotional(p.notionalUsd)} (${fmtPct(p.beyondShare, (p.beyondShare ?? 0) < 0.01 ? 2 : 0)})`).join(", ")}.` : ""}
        </>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={curve} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="notionalUsd" type="number" scale="log" domain={["dataMin", "dataMax"]} ticks={curve.map((p) => p.notionalUsd)} tickFormatter={notionalTick} tick={TICK} label={xLabel("Order notional (USD, log scale)")} />
          <YAxis tick={TICK} tickFormatter={bpsTick} width={56} label={yLabel("Slippage (bps)")} domain={[0, "auto"]} />
          <Tooltip labelFormatter={(v) => `Notional ${fmtNotional(Number(v))}`} formatter={(v, name) => [v === null || v === undefined ? "beyond visible depth / no data" : `${Number(v).toFixed(2)} bps`, name]} />
          <Legend verticalAlign="top" height={24} />
          {beyondAll && shadeFrom !== undefined ? <ReferenceArea x1={shadeFrom} x2={maxX} fill="var(--warn)" fillOpacity={0.12} stroke="var(--warn)" strokeDasharray="4 3" label={{ value: "beyond visible depth", position: "insideTopRight", fontSize: 11, fill: "var(--warn)" }} /> : null}
          <ReferenceLine x={targetNotionalUsd} stroke="var(--muted)" strokeDasharray="2 2" label={{ value: "target", position: "insideBottomRight", fontSize: 10, fill: "var(--muted)" }} />
          <Line type="linear" dataKey="p50Bps" name="p50 (all snapshots)" stroke="var(--c1)" strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
          <Line type="linear" dataKey="p95NormalBps" name="p95 normal" stroke="var(--c3)" strokeDasharray="5 3" dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
          <Line type="linear" dataKey="p95StressBps" name="p95 in stress" stroke="var(--c5)" strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
          {partial.map((p) => (
            <ReferenceDot key={p.notionalUsd} x={p.notionalUsd} y={Math.min(p.p50Bps ?? maxY, maxY)} r={6} fill="none" stroke="var(--warn)" strokeWidth={2} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

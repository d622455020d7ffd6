"use client";
// Grouped or stacked bars, one group per venue: the compare page's funding and all-in cost charts.
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame, MARGIN, NoChartData, TICK, xLabel, yLabel } from "./chart-kit";

export interface BarSpec {
  key: string;
  label: string;
  color: string;
  stackId?: string;
}

export function CompareBarsChart({ data, bars, yTitle, unit, testId, label, caption, empty }: { data: Record<string, string | number | null>[]; bars: BarSpec[]; yTitle: string; unit: string; testId: string; label: string; caption?: string; empty: string }) {
  if (data.length === 0 || data.every((d) => bars.every((b) => d[b.key] === null || d[b.key] === undefined))) return <NoChartData>{empty}</NoChartData>;
  const fmt = (v: number) => `${+v.toFixed(Math.abs(v) < 10 ? 2 : 1)}`;
  const missing = data.filter((d) => bars.every((b) => d[b.key] === null || d[b.key] === undefined)).map((d) => d.name);
  return (
    <ChartFrame testId={testId} label={label} caption={`${caption ?? ""}${missing.length ? ` No data: ${missing.join(", ")}.` : ""}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" tick={TICK} interval={0} label={xLabel("Venue")} tickFormatter={(s: string) => (s.length > 16 ? `${s.slice(0, 15)}…` : s)} />
          <YAxis tick={TICK} tickFormatter={fmt} width={56} label={yLabel(yTitle)} />
          <Tooltip formatter={(v, name) => [v === null || v === undefined ? "no data" : `${fmt(Number(v))} ${unit}`, name]} />
          <Legend verticalAlign="top" height={24} />
          <ReferenceLine y={0} stroke="var(--muted)" />
          {bars.map((b) => (
            <Bar key={b.key} dataKey={b.key} name={b.label} fill={b.color} stackId={b.stackId} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

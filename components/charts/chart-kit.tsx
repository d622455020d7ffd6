"use client";
// Shared pieces of the recharts wrappers: the figure frame (fixed height, caption), the palette (CSS
// variables, so charts follow the light/dark theme), axis-label props and tick formatters with units.
import type { ReactNode } from "react";
import { fmtNotional } from "@/lib/queries/view-params";
import { DAY_MS, HOUR_MS } from "@/lib/metrics/time";

export const SERIES_COLORS = ["var(--c1)", "var(--c2)", "var(--c3)", "var(--c4)", "var(--c5)", "var(--c6)"];
export const TICK = { fontSize: 11 };
export const MARGIN = { top: 12, right: 16, bottom: 28, left: 12 };

export function ChartFrame({ children, caption, height = 280, testId, label }: { children: ReactNode; caption?: ReactNode; height?: number; testId: string; label: string }) {
  return (
    <figure className="chart" data-testid={testId} aria-label={label}>
      <div className="chart-box" style={{ height }}>
        {children}
      </div>
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}

/** Axis title props (recharts `label`): x below the axis, y rotated along it. */
export function xLabel(value: string) {
  return { value, position: "insideBottom" as const, offset: -16, className: "axis-title", style: { fontSize: 11 } };
}
export function yLabel(value: string, side: "left" | "right" = "left") {
  return { value, angle: side === "left" ? -90 : 90, position: side === "left" ? ("insideLeft" as const) : ("insideRight" as const), className: "axis-title", style: { fontSize: 11, textAnchor: "middle" as const } };
}

/** Time ticks in UTC: dates for spans over two days, else date and time. */
export function timeTick(spanMs: number) {
  return (ts: number) => {
    const iso = new Date(ts).toISOString();
    return spanMs > 2 * DAY_MS ? iso.slice(5, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  };
}
export const fmtUtcTs = (ts: number) => `${new Date(ts).toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function usdTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `$${+(v / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `$${+(v / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `$${+(v / 1e3).toFixed(0)}k`;
  return `$${+v.toFixed(0)}`;
}
export const notionalTick = (v: number) => fmtNotional(v);
export const bpsTick = (v: number) => `${+v.toPrecision(3)}`;
export const pctTick = (v: number) => `${+v.toFixed(1)}%`;

/** A time domain with a little room when the series is a single point. */
export function timeDomain(from: number, to: number): [number, number] {
  return from === to ? [from - HOUR_MS, to + HOUR_MS] : [from, to];
}

export function NoChartData({ children }: { children: ReactNode }) {
  return (
    <p className="empty small" data-testid="chart-empty">
      {children}
    </p>
  );
}

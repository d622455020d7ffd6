// The slippage-vs-notional chart of the PDF report, drawn with pdfkit vector lines: median (p50) buy
// slippage per venue against order notional on a log axis, with the slippage budget and the target order
// notional marked. Gaps (beyond visible depth, no data) break a venue's line.
import "server-only";
import { COLORS, ensureSpace, pdfText, type Doc } from "./pdf-kit";
import type { ReportVenue } from "../reports/types";

export const SERIES_COLORS = ["#1f5fbf", "#1e7f4f", "#a86400", "#b3261e", "#8a4fbf", "#00838f", "#5d4037", "#c2185b", "#455a64", "#7cb342"];

const money = (n: number) => (n >= 1e6 ? `$${+(n / 1e6).toFixed(1)}M` : `$${+(n / 1e3).toFixed(0)}k`);

function niceMax(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((m) => m >= v) ?? 10 * p;
}

export function slippageChart(doc: Doc, venues: ReportVenue[], opts: { budgetBps: number; targetNotionalUsd: number }): void {
  const withCurve = venues.filter((v) => v.curve.some((p) => p.p50Bps !== null));
  if (withCurve.length === 0) {
    doc.font("Helvetica-Oblique").fontSize(9).fillColor(COLORS.muted).text("No slippage curve: no venue has order-book data in the window (no data).");
    return;
  }
  const h = 220;
  ensureSpace(doc, h + 40 + 12 * Math.ceil(withCurve.length / 3));
  const left = doc.page.margins.left + 40;
  const top = doc.y + 6;
  const w = doc.page.width - doc.page.margins.right - left - 10;
  const notionals = withCurve.flatMap((v) => v.curve.map((p) => p.notionalUsd));
  const xMin = Math.log10(Math.min(...notionals));
  const xMax = Math.log10(Math.max(...notionals));
  const values = withCurve.flatMap((v) => v.curve.map((p) => p.p50Bps).filter((b): b is number => b !== null));
  // The scale stops at 5× the budget so the curves near the budget stay readable; higher points are cut.
  const cut = Math.max(...values) > opts.budgetBps * 5;
  const yMax = niceMax(Math.max(opts.budgetBps * 1.2, Math.min(Math.max(...values, 1), opts.budgetBps * 5)));
  const X = (n: number) => left + ((Math.log10(n) - xMin) / Math.max(1e-9, xMax - xMin)) * w;
  const Y = (bps: number) => top + h - (bps / yMax) * h;

  // Axes and grid.
  doc.lineWidth(0.5).strokeColor(COLORS.border);
  doc.font("Helvetica").fontSize(7).fillColor(COLORS.muted);
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    doc.moveTo(left, Y(v)).lineTo(left + w, Y(v)).stroke();
    doc.text(`${+v.toFixed(1)}`, left - 34, Y(v) - 3, { width: 30, align: "right" });
  }
  for (const n of [...new Set(notionals)].sort((a, b) => a - b)) {
    doc.moveTo(X(n), top + h).lineTo(X(n), top + h + 3).stroke();
    doc.text(money(n), X(n) - 18, top + h + 5, { width: 36, align: "center" });
  }
  doc.text(`p50 slippage (bps)${cut ? `; curves above ${+yMax.toFixed(1)} bps leave the chart at the top edge` : ""}`, doc.page.margins.left, top - 10);
  doc.text("order notional (USD, log scale)", left + w / 2 - 60, top + h + 16, { width: 120, align: "center" });
  doc.moveTo(left, top).lineTo(left, top + h).lineTo(left + w, top + h).strokeColor(COLORS.muted).stroke();

  // Budget and target markers.
  doc.save().dash(4, { space: 3 }).lineWidth(0.8).strokeColor(COLORS.bad);
  doc.moveTo(left, Y(opts.budgetBps)).lineTo(left + w, Y(opts.budgetBps)).stroke();
  if (Math.log10(opts.targetNotionalUsd) >= xMin && Math.log10(opts.targetNotionalUsd) <= xMax) doc.strokeColor(COLORS.muted).moveTo(X(opts.targetNotionalUsd), top).lineTo(X(opts.targetNotionalUsd), top + h).stroke();
  doc.restore();
  doc.font("Helvetica").fontSize(7).fillColor(COLORS.bad).text(`budget ${opts.budgetBps} bps`, left + w - 80, Y(opts.budgetBps) - 9, { width: 78, align: "right" });

  // One polyline per venue, clipped to the plot area; a null point ends the current segment.
  doc.save();
  doc.rect(left, top - 2, w + 4, h + 4).clip();
  withCurve.forEach((v, i) => {
    const color = SERIES_COLORS[i % SERIES_COLORS.length];
    doc.lineWidth(1.4).strokeColor(color).fillColor(color);
    let open = false;
    for (const p of v.curve) {
      if (p.p50Bps === null) {
        if (open) doc.stroke();
        open = false;
        continue;
      }
      const x = X(p.notionalUsd);
      const y = Y(p.p50Bps);
      if (open) doc.lineTo(x, y);
      else doc.moveTo(x, y);
      open = true;
    }
    if (open) doc.stroke();
    for (const p of v.curve) if (p.p50Bps !== null) doc.circle(X(p.notionalUsd), Y(p.p50Bps), 1.6).fill(color);
  });
  doc.restore();

  // Legend.
  let lx = doc.page.margins.left;
  let ly = top + h + 30;
  doc.fontSize(8);
  withCurve.forEach((v, i) => {
    const label = pdfText(`${v.name}${v.provenance === "simulated" ? " (simulated)" : ""}`);
    const lw = doc.widthOfString(label) + 24;
    if (lx + lw > doc.page.width - doc.page.margins.right) {
      lx = doc.page.margins.left;
      ly += 12;
    }
    doc.rect(lx, ly + 2, 10, 3).fill(SERIES_COLORS[i % SERIES_COLORS.length]);
    doc.fillColor(COLORS.text).text(label, lx + 14, ly, { lineBreak: false });
    lx += lw;
  });
  doc.x = doc.page.margins.left;
  doc.y = ly + 16;
}

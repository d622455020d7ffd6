// The PDF allocation report (pdfkit, standard fonts): title, parameters, the allocation table (or why
// nothing could be allocated), the per-venue checklist summary, a slippage-vs-notional chart drawn with
// vector lines, the methodology summary, data provenance and coverage, and the generation time (UTC).
import "server-only";
import PDFDocument from "pdfkit";
import { methodology } from "../scoring/index";
import { fmtBps, fmtUtc } from "../format";
import { slippageChart } from "./pdf-chart";
import { COLORS, heading, keyValues, paragraph, pdfText, table, type Doc } from "./pdf-kit";
import { windowLabel } from "../reports/params";
import { bps2, score1, sharePct, usdWhole, venueSetLabel } from "../reports/report-format";
import { DEFAULT_MAX_VENUE_SHARE_PCT, DEFAULT_MIN_SNAPSHOTS } from "../reports/params";
import { reportWarnings } from "../reports/warnings";
import { PROVENANCE_NOTES, type AllocationReport, type ReportVenue } from "../reports/types";
import type { AllocationLine } from "../reports/allocate";

const ALLOCATION_RULE =
  "Allocation: a venue is eligible when it is not excluded, has a score and a capacity figure, scores at least the minimum, " +
  "and its capacity within the slippage budget (5th percentile of per-snapshot capacity inside stress windows; the overall " +
  "5th percentile when no stress window was detected) is at least the target order notional. Eligible venues get capital " +
  "proportional to their score (water-filling): a venue above its cap is held at the cap and the excess is shared by score " +
  "among the others, repeated until no cap is exceeded. Capacity and slippage are on the worse of the buy and sell sides.";

function parameters(doc: Doc, r: AllocationReport, meta: { id?: number }) {
  const p = r.params;
  const caps = Object.entries(p.caps).map(([slug, c]) => `${slug} ${[c.usd !== undefined ? usdWhole(c.usd) : null, c.sharePct !== undefined ? `${c.sharePct} %` : null].filter(Boolean).join(" / ")}`);
  keyValues(doc, [
    ["Capital", usdWhole(p.capitalUsd)],
    ["Target order notional", usdWhole(p.targetOrderNotionalUsd)],
    ["Slippage budget", `${p.slippageBudgetBps} bps`],
    ["Minimum venue score", `${p.minScore}`],
    ["Asset / window", `${p.asset} perpetuals, ${windowLabel(p)} (counted back from each market's latest data)`],
    ["Weights", p.weights && Object.keys(p.weights).length ? Object.entries(p.weights).map(([k, v]) => `${k} ${v}`).join(", ") : "methodology defaults"],
    ["Caps", caps.length ? caps.join("; ") : "none"],
    ["Excluded", p.exclude.length ? p.exclude.join(", ") : "none"],
    ["Venues", venueSetLabel(r)],
    ["Warning thresholds", `more than ${p.maxVenueSharePct ?? DEFAULT_MAX_VENUE_SHARE_PCT} % in one venue; fewer than ${p.minSnapshots ?? DEFAULT_MIN_SNAPSHOTS} snapshots; data older than the window`],
    ["Saved report", meta.id !== undefined ? `#${meta.id}` : "not saved"],
  ]);
}

function warningsSection(doc: Doc, r: AllocationReport) {
  const warnings = reportWarnings(r);
  if (warnings.length === 0) return;
  paragraph(doc, `Warnings (${warnings.length}):`, { bold: true, color: COLORS.bad });
  for (const w of warnings) paragraph(doc, `! ${w.message}.`, { color: COLORS.bad });
  doc.moveDown(0.2);
}

function allocationSection(doc: Doc, r: AllocationReport) {
  const a = r.allocation;
  if (!a.feasible && a.explanation) {
    paragraph(doc, `Infeasible: ${a.explanation.message}`, { bold: true, color: COLORS.bad });
    for (const s of a.explanation.suggestions) paragraph(doc, `• ${s}`);
    doc.moveDown(0.3);
  } else {
    paragraph(doc, `Allocated ${usdWhole(a.allocatedUsd)} of ${usdWhole(a.capitalUsd)}${a.unallocatedUsd > 0 ? ` (${usdWhole(a.unallocatedUsd)} unallocated)` : ""}.`);
  }
  for (const n of a.notes) paragraph(doc, n, { color: COLORS.muted });
  doc.moveDown(0.2);
  table<AllocationLine>(
    doc,
    [
      { header: "Venue", width: 118, value: (l) => l.name },
      { header: "Data", width: 50, value: (l) => l.provenance },
      { header: "Constraint", width: 82, value: (l) => l.constraint },
      { header: "Allocation", width: 66, align: "right", value: (l) => (l.eligible ? usdWhole(l.allocationUsd) : "-") },
      { header: "Share", width: 38, align: "right", value: (l) => (l.eligible ? sharePct(l.allocationShare) : "-") },
      { header: "Score", width: 34, align: "right", value: (l) => score1(l.score) },
      { header: `Capacity @${r.params.slippageBudgetBps}bps`, width: 76, align: "right", value: (l) => usdWhole(l.capacityUsd) },
      { header: "All-in", width: 51, align: "right", value: (l) => bps2(l.allInCostBps) },
    ],
    a.lines,
    { rowColor: (l) => (l.provenance === "simulated" ? COLORS.simulated : l.eligible ? null : COLORS.muted) },
  );
  // Reasons per venue; venues with no data at all share one line.
  const noData = a.lines.filter((l) => l.constraint === "no data" && l.capacityUsd === null);
  const dates = new Map(r.venues.map((v) => [v.slug, v.windowFromUtc && v.windowToUtc ? ` (data ${v.windowFromUtc.slice(0, 10)} to ${v.windowToUtc.slice(0, 10)} UTC)` : ""]));
  for (const l of a.lines.filter((x) => !noData.includes(x))) paragraph(doc, `${l.name}${dates.get(l.venue) ?? ""}: ${l.constraint}. ${l.reasons.join("; ")}.`, { size: 7.5, color: COLORS.muted });
  if (noData.length) paragraph(doc, `No order-book data in the window (capacity unknown, not allocated): ${noData.map((l) => l.name).join(", ")}.`, { size: 7.5, color: COLORS.muted });
}

function checklistSection(doc: Doc, venues: ReportVenue[]) {
  const ids = venues[0]?.items.map((i) => ({ id: i.id, label: i.label })) ?? [];
  const SHORT: Record<string, string> = { liquidation: "Liquid.", resiliency: "Resil.", transparency: "Transp." };
  const short = (id: string) => SHORT[id] ?? id[0].toUpperCase() + id.slice(1);
  const itemWidth = Math.floor((doc.page.width - doc.page.margins.left - doc.page.margins.right - 186) / Math.max(1, ids.length));
  table<ReportVenue>(
    doc,
    [
      { header: "Venue", width: 110, value: (v) => `${v.name}${v.provenance === "simulated" ? " (sim)" : ""}` },
      { header: "Total", width: 36, align: "right", value: (v) => score1(v.scoreTotal) },
      { header: "Conf.", width: 40, align: "right", value: (v) => sharePct(v.confidence) },
      ...ids.map((it) => ({ header: short(it.id), width: itemWidth, align: "right" as const, value: (v: ReportVenue) => score1(v.items.find((i) => i.id === it.id)?.score) })),
    ],
    venues,
    { size: 7.5 },
  );
  paragraph(doc, `Item scores are 0-100 (no data = the item had no figures and its weight was dropped). Items: ${ids.map((i) => i.label).join(", ")}.`, { size: 7.5, color: COLORS.muted });
}

function provenanceSection(doc: Doc, r: AllocationReport) {
  for (const n of r.provenance.notes) paragraph(doc, n);
  if (r.provenance.simulated.length) paragraph(doc, "Simulated venues are fictional: their figures illustrate the method and must not be used for real allocations.", { bold: true, color: COLORS.simulated });
  doc.moveDown(0.3);
  table<ReportVenue>(
    doc,
    [
      { header: "Venue", width: 118, value: (v) => v.name },
      { header: "Venue is", width: 55, value: (v) => v.provenance },
      { header: "Data rows", width: 70, value: (v) => v.dataProvenance.join("+") || "no data" },
      { header: "Market", width: 70, value: (v) => v.market ?? "no data" },
      { header: "Snapshots", width: 50, align: "right", value: (v) => `${v.snapshots}` },
      { header: "Window (UTC)", width: 152, value: (v) => (v.windowFromUtc && v.windowToUtc ? `${fmtUtc(v.windowFromUtc).replace(" UTC", "")} - ${fmtUtc(v.windowToUtc)}` : "no data") },
    ],
    r.venues,
    { size: 7.5 },
  );
  paragraph(doc, `Median slippage at the target notional (worse side): ${r.venues.map((v) => `${v.name} ${fmtBps(v.slippageP50Bps)}`).join("; ")}.`, { size: 7.5, color: COLORS.muted });
  const x = (n: number | null | undefined) => (n == null ? "no data" : `${n.toFixed(2)}x`);
  const execution = r.venues.filter((v) => v.execution);
  if (execution.length)
    paragraph(
      doc,
      `Realized execution (realized / book-implied p50 slippage; realized p95 stress / normal) and book refill (median half-life after a 30 % depth drop within 1 %): ${execution
        .map((v) => `${v.name} ${x(v.execution!.realizedToImplied)}, ${x(v.execution!.realizedStressRatio)}, ${v.execution!.refillHalfLifeMs == null ? "no refill read" : `${Math.round(v.execution!.refillHalfLifeMs / 1000)} s over ${v.execution!.refillDrops} drops`}`)
        .join("; ")}.`,
      { size: 7.5, color: COLORS.muted },
    );
}

/** Render the report as a PDF (Buffer). */
export function allocationPdf(r: AllocationReport, meta: { id?: number } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 40, bufferPages: true, info: { Title: r.title, Author: "Venuescope", CreationDate: new Date(r.generatedAt) } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.font("Helvetica-Bold").fontSize(16).fillColor(COLORS.text).text(pdfText(r.title));
  paragraph(doc, `Venuescope allocation report - generated ${fmtUtc(r.generatedAt)} - methodology v${r.methodologyVersion}`, { color: COLORS.muted });
  if (r.provenance.simulated.length) paragraph(doc, `SIMULATED DEMO - fictional venues, not for real allocations: ${r.provenance.simulated.join(", ")}.`, { bold: true, color: COLORS.simulated });

  heading(doc, "Parameters");
  parameters(doc, r, meta);
  heading(doc, "Proposed allocation");
  warningsSection(doc, r);
  allocationSection(doc, r);
  heading(doc, "Checklist summary (item scores)");
  checklistSection(doc, r.venues);
  heading(doc, `Slippage vs order notional (median, buy side; budget ${r.params.slippageBudgetBps} bps)`, 280);
  slippageChart(doc, r.venues, { budgetBps: r.params.slippageBudgetBps, targetNotionalUsd: r.params.targetOrderNotionalUsd });
  heading(doc, "Methodology");
  paragraph(doc, `Version ${r.methodologyVersion}. ${methodology().summary}`);
  doc.moveDown(0.3);
  paragraph(doc, ALLOCATION_RULE);
  heading(doc, "Data provenance and coverage");
  provenanceSection(doc, r);
  paragraph(doc, `Provenance labels: ${Object.values(PROVENANCE_NOTES).join("; ")}.`, { size: 7.5, color: COLORS.muted });

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - 28;
    doc.page.margins.bottom = 0;
    doc.font("Helvetica").fontSize(7).fillColor(COLORS.muted).text(`Venuescope - ${fmtUtc(r.generatedAt)} - page ${i + 1} of ${range.count}`, 40, y, { width: doc.page.width - 80, align: "center", lineBreak: false });
  }
  doc.end();
  return done;
}

// A stress run as a PDF (pdfkit, standard fonts, landscape A4): the portfolio and scenario, which venue hurt
// and why, cross beside isolated per venue, every position with its tier, liquidation and book walk, the
// inputs' sources and the engine's rules. Same numbers as the page and the CSV.
import "server-only";
import PDFDocument from "pdfkit";
import { fmtUsd, fmtUtc } from "../format";
import { COLORS, heading, keyValues, paragraph, pdfText, table, type Column, type Doc } from "./pdf-kit";
import type { StressRun } from "../views/stress";
import { STRESS_FORMULAS, STRESS_METHOD_SUMMARY } from "../stress/methodology";
import type { VenueStressResult } from "../stress/run-stress";
import type { PositionOutcome } from "../stress/simulate-account";

const lossText = (x: number) => (x >= 0 ? `loss ${fmtUsd(x)}` : `gain ${fmtUsd(-x)}`);
/** Funding as a desk says it: paid or received, never "paid -$4.1k". */
const fundingText = (x: number) => (x >= 0 ? `funding paid ${fmtUsd(x)}` : `funding received ${fmtUsd(-x)}`);
/** Columns scaled down, if needed, so the table fits between the page margins. */
function fitColumns<R>(doc: Doc, cols: Column<R>[]): Column<R>[] {
  const room = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const total = cols.reduce((sum, c) => sum + c.width, 0);
  return total <= room ? cols : cols.map((c) => ({ ...c, width: Math.floor((c.width * room) / total) }));
}
const price = (n: number | null) => (n === null || !Number.isFinite(n) ? "-" : n >= 100 ? n.toFixed(2) : n.toPrecision(6));
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

export function stressPdf(run: StressRun, meta: { id?: number; title?: string; generatedAt?: string } = {}): Promise<Buffer> {
  const r = run.result;
  const generatedAt = meta.generatedAt ?? new Date().toISOString();
  const title = meta.title ?? `Margin stress test: ${r.portfolioName} - ${r.scenario.name}`;
  const doc = new PDFDocument({ size: "A4", layout: "landscape", margin: 36, bufferPages: true, info: { Title: title, Author: "Venuescope", CreationDate: new Date(generatedAt) } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.font("Helvetica-Bold").fontSize(15).fillColor(COLORS.text).text(pdfText(title));
  paragraph(doc, `Venuescope - generated ${fmtUtc(generatedAt)} - engine ${r.engineVersion}${meta.id !== undefined ? ` - saved run #${meta.id}` : ""}`, { color: COLORS.muted });
  const simulated = r.venues.filter((v) => v.provenance.includes("simulated"));
  if (simulated.length) paragraph(doc, `Includes simulated (fictional) data: ${simulated.map((v) => v.venueName).join(", ")}.`, { bold: true, color: COLORS.simulated });

  heading(doc, "Scenario");
  const s = r.scenario;
  keyValues(doc, [
    ["Name", s.name],
    ["Description", s.description ?? "-"],
    ["Horizon / step", `${s.horizonHours} h / ${s.stepMinutes} min`],
    ["Shocks", s.shocks.map((x) => `${x.asset}${x.venue ? ` at ${x.venue}` : ""} ${x.movePct} % from hour ${x.startHours} over ${x.rampHours} h`).join("; ") || "none"],
    ["Replay window", s.replayWindow ?? "none"],
    ["Liquidity drain", s.liquidityDrain.map((d) => `depth x ${d.depthFactor}${d.venue ? ` at ${d.venue}` : ""}`).join("; ") || "none"],
    ["Funding", s.funding.map((f) => `${(f.ratePerInterval * 100).toFixed(3)} % per interval, hours ${f.fromHours}-${f.toHours}`).join("; ") || "stored baseline"],
    ["Haircut shocks", s.haircuts.map((h) => `${h.asset} ${pct(h.haircut)} from hour ${h.atHours}`).join("; ") || "none"],
    ["Fresh margin", s.replenishment.map((x) => `${fmtUsd(x.amountUsd)} after ${x.delayHours} h`).join("; ") || "none"],
  ]);

  heading(doc, "Which venue lost most (chosen margin mode, largest loss first)");
  table(doc, fitColumns<(typeof r.ranking)[number]>(doc, [
    { header: "Venue", width: 150, value: (x: (typeof r.ranking)[number]) => r.venues.find((v) => v.venueSlug === x.venueSlug)!.venueName },
    { header: "Mode", width: 60, value: (x) => r.venues.find((v) => v.venueSlug === x.venueSlug)!.chosenMode },
    { header: "Result", width: 90, align: "right", value: (x) => lossText(x.lossUsd) },
    { header: "Why", width: 470, value: (x) => x.reason },
  ]), r.ranking, { size: 7.5 });
  paragraph(doc, `Total: ${lossText(r.totals.lossUsd)} on ${fmtUsd(r.totals.startEquityUsd)} of equity; ${r.totals.liquidatedCount} liquidation(s); ${fundingText(r.totals.fundingPaidUsd)}; book-walk cost ${fmtUsd(r.totals.liquidationCostUsd)}.`, { size: 8 });

  heading(doc, "Cross beside isolated margin");
  table(doc, fitColumns<VenueStressResult>(doc, [
    { header: "Venue", width: 130, value: (v: VenueStressResult) => `${v.venueName} (${v.venueProvenance})` },
    { header: "Normal: cross needs", width: 90, align: "right", value: (v) => fmtUsd(v.normalTimes.crossUsd) },
    { header: "isolated needs", width: 80, align: "right", value: (v) => fmtUsd(v.normalTimes.isolatedUsd) },
    { header: "Cross saves", width: 75, align: "right", value: (v) => fmtUsd(v.normalTimes.crossSavesUsd) },
    { header: "Cross result", width: 90, align: "right", value: (v) => `${lossText(v.cross.lossUsd)}${v.cross.liquidationCostLowerBound && v.cross.liquidatedCount ? "+" : ""}` },
    { header: "Liq.", width: 30, align: "right", value: (v) => String(v.cross.liquidatedCount) },
    { header: "Isolated result", width: 90, align: "right", value: (v) => `${lossText(v.isolated.lossUsd)}${v.isolated.liquidationCostLowerBound && v.isolated.liquidatedCount ? "+" : ""}` },
    { header: "Liq.", width: 30, align: "right", value: (v) => String(v.isolated.liquidatedCount) },
    { header: "Cost of cross", width: 75, align: "right", value: (v) => fmtUsd(v.costOfCrossUsd) },
    { header: "To survive: cross / iso.", width: 120, align: "right", value: (v) => `${fmtUsd(v.scenarioNeed.crossUsd)} / ${fmtUsd(v.scenarioNeed.isolatedUsd)}` },
  ]), r.venues, { size: 7.5 });
  paragraph(doc, "+ : a liquidation walked beyond the visible (drained) book, so the cost is a lower bound.", { size: 7, color: COLORS.muted });

  for (const v of r.venues) {
    for (const runOf of [v.cross, v.isolated]) {
      heading(doc, `${v.venueName} - ${runOf.mode} margin${runOf.mode === v.chosenMode ? " (chosen)" : ""}: ${lossText(runOf.lossUsd)}, min equity ${fmtUsd(runOf.minEquityUsd)}`, 50);
      table(doc, [
        { header: "Position", width: 120, value: (p: PositionOutcome) => `${p.side} ${p.symbol} ${fmtUsd(p.startNotionalUsd)}` },
        { header: "Tier: initial / maint.", width: 110, value: (p) => `${p.rule.tier}: ${pct(p.rule.initialMarginRate)} / ${pct(p.rule.maintenanceMarginRate)}` },
        { header: "Rule source", width: 150, value: (p) => `${p.rule.provenance}, ${p.rule.asOf.slice(0, 10)}: ${p.rule.source}` },
        { header: "Liq. price", width: 60, align: "right", value: (p) => price(p.liquidationPriceStartUsd) },
        { header: "Liquidated", width: 90, value: (p) => (p.liquidation ? `h ${p.liquidation.hours.toFixed(2)} @ ${price(p.liquidation.markUsd)}` : "no") },
        { header: "Book walk", width: 80, align: "right", value: (p) => (!p.liquidation ? "-" : p.liquidation.costUsd === null ? "no book" : `${fmtUsd(p.liquidation.costUsd)}${p.liquidation.fill?.beyondVisibleDepth ? "+" : ""}`) },
        { header: "Fee", width: 55, align: "right", value: (p) => (!p.liquidation ? "-" : fmtUsd(p.liquidation.feeUsd)) },
        { header: "Funding paid", width: 60, align: "right", value: (p) => fmtUsd(p.fundingPaidUsd) },
        { header: "PnL", width: 60, align: "right", value: (p) => fmtUsd(p.pnlUsd) },
      ], runOf.positions, { size: 7, rowColor: (p) => (p.liquidation ? COLORS.bad : null) });
    }
  }

  heading(doc, "Inputs and their sources");
  for (const p of run.evidence.positions) {
    paragraph(doc, `${p.venueSlug} ${p.symbol}: ${p.sizeBase.toPrecision(6)} ${p.asset} from ${p.priceSource}; book ${p.bookTs ? `${fmtUtc(p.bookTs)} (${p.bookProvenance})` : "none stored"}; rules ${p.rulesSymbol} ${p.rulesSource} (${p.rulesProvenance}); funding ${p.fundingSource}.`, { size: 7 });
  }
  for (const w of run.evidence.warnings) paragraph(doc, `Note: ${w}`, { size: 7, color: COLORS.muted });

  heading(doc, "How it is computed");
  paragraph(doc, STRESS_METHOD_SUMMARY, { size: 7.5 });
  for (const f of STRESS_FORMULAS) paragraph(doc, `${f.name}: ${f.definition}`, { size: 7 });

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc.font("Helvetica").fontSize(7).fillColor(COLORS.muted).text(`Venuescope stress test - ${fmtUtc(generatedAt)} - page ${i + 1} of ${range.count}`, 36, doc.page.height - 24, { width: doc.page.width - 72, align: "center", lineBreak: false });
  }
  doc.end();
  return done;
}

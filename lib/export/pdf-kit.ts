// Small pdfkit building blocks for the PDF report: WinAnsi-safe text, headings, key/value lines and
// tables that break across pages (repeating their header).
import "server-only";
import type PDFDocument from "pdfkit";

export type Doc = InstanceType<typeof PDFDocument>;

export const COLORS = { text: "#17202a", muted: "#5b6675", border: "#dde2e8", shade: "#f2f4f7", accent: "#1f5fbf", simulated: "#8a4fbf", bad: "#b3261e" };

const REPLACEMENTS: [RegExp, string][] = [
  [/→/g, "->"],
  [/≥/g, ">="],
  [/≤/g, "<="],
  [/−/g, "-"],
  [/∝/g, "proportional to"],
  [/Σ/g, "sum "],
  [/[⌈⌉]/g, ""],
  [/≈/g, "~"],
  [/Δ/g, "delta "],
];

/** Text the standard (WinAnsi) fonts can draw: common symbols spelled out, anything else as "?". */
export function pdfText(s: string): string {
  let out = s;
  for (const [re, to] of REPLACEMENTS) out = out.replace(re, to);
  // Latin-1 plus the CP1252 punctuation pdfkit maps (dashes, quotes, bullet, ellipsis, euro, ×).
  return out.replace(/[^\x09\x0a\x0d\x20-\x7e\xa0-\xff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/g, "?");
}

export function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

/** A section heading, moved to a new page unless `keepWith` points of content fit below it. */
export function heading(doc: Doc, text: string, keepWith = 60): void {
  ensureSpace(doc, keepWith + 24);
  doc.moveDown(0.6);
  doc.font("Helvetica-Bold").fontSize(12).fillColor(COLORS.text).text(pdfText(text), doc.page.margins.left, doc.y);
  doc.moveDown(0.3);
}

export function paragraph(doc: Doc, text: string, opts: { size?: number; color?: string; bold?: boolean } = {}): void {
  doc.font(opts.bold ? "Helvetica-Bold" : "Helvetica").fontSize(opts.size ?? 9).fillColor(opts.color ?? COLORS.text);
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  ensureSpace(doc, doc.heightOfString(pdfText(text), { width }));
  doc.text(pdfText(text), doc.page.margins.left, doc.y, { width });
}

export function keyValues(doc: Doc, pairs: [string, string][]): void {
  const x = doc.page.margins.left;
  for (const [k, v] of pairs) {
    ensureSpace(doc, 14);
    const y = doc.y;
    doc.font("Helvetica-Bold").fontSize(9).fillColor(COLORS.muted).text(pdfText(k), x, y, { width: 170 });
    doc.font("Helvetica").fillColor(COLORS.text).text(pdfText(v), x + 175, y, { width: doc.page.width - doc.page.margins.right - x - 175 });
    doc.y = Math.max(doc.y, y + 12);
  }
}

export interface Column<R> {
  header: string;
  width: number;
  align?: "left" | "right";
  value: (row: R) => string;
}

/** A table with a shaded header, repeated after a page break; cells are one line, cut with an ellipsis. */
export function table<R>(doc: Doc, columns: Column<R>[], rows: R[], opts: { size?: number; rowColor?: (row: R) => string | null } = {}): void {
  const size = opts.size ?? 8;
  const rowH = size + 7;
  const x0 = doc.page.margins.left;
  const width = columns.reduce((s, c) => s + c.width, 0);
  const drawRow = (cells: string[], y: number, bold: boolean, shade: string | null, color: string) => {
    if (shade) doc.rect(x0, y, width, rowH).fill(shade);
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(size).fillColor(color);
    let x = x0;
    columns.forEach((c, i) => {
      doc.text(pdfText(cells[i]), x + 3, y + 4, { width: c.width - 6, align: c.align ?? "left", lineBreak: false, ellipsis: true, height: rowH });
      x += c.width;
    });
    doc.moveTo(x0, y + rowH).lineTo(x0 + width, y + rowH).lineWidth(0.5).strokeColor(COLORS.border).stroke();
  };
  const header = () => {
    ensureSpace(doc, rowH * 2);
    const y = doc.y;
    drawRow(columns.map((c) => c.header), y, true, COLORS.shade, COLORS.muted);
    doc.y = y + rowH;
  };
  header();
  for (const r of rows) {
    if (doc.y + rowH > bottom(doc)) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    drawRow(columns.map((c) => c.value(r)), y, false, null, opts.rowColor?.(r) ?? COLORS.text);
    doc.y = y + rowH;
  }
  doc.x = x0;
  doc.moveDown(0.4);
}

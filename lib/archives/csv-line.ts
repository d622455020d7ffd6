// One CSV line into cells, the rule every archive CSV reader shares (pure): split on commas, csv-parse for a
// line holding a quote; the header's cells lose a BOM and surrounding blanks, a row's cells their blanks.
import { parse as parseCsvSync } from "csv-parse/sync";

/** Cells of one line (not trimmed): a plain split, or csv-parse when the line holds a quote. */
export function csvLineCells(line: string): string[] {
  return line.includes('"') ? ((parseCsvSync(line, { relax_column_count: true }) as string[][])[0] ?? []) : line.split(",");
}

/** A header line's cells: BOM dropped, trimmed. */
export function csvHeaderCells(cells: readonly string[]): string[] {
  return cells.map((c) => c.replace(/^\uFEFF/, "").trim());
}

/** A cell without surrounding blanks (trimmed only when it has any: most cells have none). */
export function trimCell(c: string): string {
  return c.length > 0 && (c.charCodeAt(0) <= 32 || c.charCodeAt(c.length - 1) <= 32) ? c.trim() : c;
}

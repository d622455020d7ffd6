// CSV exports that open correctly in Excel: UTF-8 with a byte-order mark, RFC 4180 (CRLF records, fields
// with a comma, quote, CR or LF quoted, quotes doubled) via csv-stringify, ISO-8601 dates, numbers
// unformatted, units in the headers, empty cells for missing figures. Text cells that a spreadsheet would
// read as a formula (starting with = + - @ or any control character, tab and CR included) are prefixed
// with ' ; numbers — negative ones included — stay numbers. Any cell holding a separator a spreadsheet may
// split on in some locale (`,` `;` tab) or a line break is quoted, so a `;`-splitting Excel cannot start a
// new cell (and a formula) in the middle of a name.
import "server-only";
import { stringify } from "csv-stringify/sync";
import type { ScorecardRow } from "../views/scorecard";
import { allocationTable, scorecardTable, type Cell, type Table } from "./report-rows";
import type { AllocationReport } from "../reports/types";
import { roundForColumn } from "./csv-precision";

// eslint-disable-next-line no-control-regex
const FORMULA_START = /^[=+\-@\u0000-\u001f\u007f]/;

/** Neutralise a text cell against formula injection (OWASP "CSV injection"). */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cell(v: Cell | Date | undefined): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Date) return v.toISOString();
  return neutralise(v);
}

/** The table as CSV text, starting with the UTF-8 BOM. */
export function tableToCsv(table: Table): string {
  const records = table.rows.map((r) => table.columns.map((c) => cell(roundForColumn(c, r[c]))));
  return stringify([table.columns.map((c) => neutralise(c)), ...records], {
    bom: true,
    record_delimiter: "\r\n",
    // csv-stringify quotes the delimiter and quotes itself; a lone CR or LF, a `;` or a tab must be quoted too.
    quoted_match: /[\r\n;\t,]/,
    cast: { number: (n) => String(n) },
  });
}

export function allocationCsv(report: AllocationReport): string {
  return tableToCsv(allocationTable(report));
}

export function scorecardCsv(rows: ScorecardRow[], notionalUsd: number): string {
  return tableToCsv(scorecardTable(rows, notionalUsd));
}

// Fault class 6 of issue #19: generated cell texts, read back the way a spreadsheet in a `,`, `;` or tab
// locale would split them. Every cell must come back whole, and no cell may start a formula.
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutralise, tableToCsv } from "./csv";

const dangerous = fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", "\u0000", "\u001b", ";", ",", '"', "=1+1", "=HYPERLINK(\"http://x\")", ";=cmd|' /C calc'!A0", "\t=1");
const text = fc.array(fc.oneof(fc.string({ maxLength: 6 }), dangerous), { maxLength: 6 }).map((xs) => xs.join(""));

/** Split one CSV line the way a naive spreadsheet does for a separator: quoted runs stay whole. */
function cellsOf(csvBody: string, sep: string): string[] {
  const cells: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < csvBody.length; i++) {
    const ch = csvBody[i];
    if (ch === '"' && quoted && csvBody[i + 1] === '"') {
      cur += '"'; // a doubled quote inside a quoted cell is one literal quote
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === sep || ch === "\r" || ch === "\n")) {
      cells.push(cur);
      cur = "";
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

describe("CSV formula injection in every locale", () => {
  it("round-trips generated names exactly (apart from the neutralising quote) through csv-parse", () => {
    fc.assert(
      fc.property(text, text, fc.double({ noNaN: true }), (name, note, n) => {
        const csv = tableToCsv({ columns: ["name", "note", "value"], rows: [{ name, note, value: n }] });
        const [row] = parse(csv, { bom: true, columns: true, relax_quotes: false }) as Record<string, string>[];
        expect(row.name).toBe(neutralise(name));
        expect(row.note).toBe(neutralise(note));
      }),
      { numRuns: 400 },
    );
  });

  it("leaves no cell that starts a formula when split on , ; or tab", () => {
    fc.assert(
      fc.property(text, text, (name, note) => {
        const csv = tableToCsv({ columns: ["name", "note"], rows: [{ name, note }] }).slice(1);
        for (const sep of [",", ";", "\t"]) {
          for (const cell of cellsOf(csv, sep)) {
            expect(/^[=+\-@\u0000-\u001f]/.test(cell), `${JSON.stringify(cell)} split on ${JSON.stringify(sep)}`).toBe(false);
          }
        }
      }),
      { numRuns: 600 },
    );
  });

  it("quotes a ; or tab inside a cell and prefixes control characters", () => {
    const csv = tableToCsv({ columns: ["n"], rows: [{ n: "a;=1+1" }, { n: "b\t=2" }, { n: "\u0001x" }] });
    expect(csv).toContain('"a;=1+1"');
    expect(csv).toContain('"b\t=2"');
    expect(csv).toContain("'\u0001x");
  });
});

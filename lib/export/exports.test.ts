import { parse } from "csv-parse/sync";
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { allocationCsv, neutralise, tableToCsv } from "./csv";
import { allocationJson, ALLOCATION_JSON_FORMAT } from "./json";
import { allocationPdf } from "./allocation-pdf";
import { ALLOCATION_COLUMNS } from "./report-rows";
import { sampleReport } from "../reports/sample-report";
import { usdWhole } from "../reports/report-format";
import { METHODOLOGY_VERSION } from "../scoring/index";

const INJECTIONS = ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "\tTAB", "\rCR"];

describe("CSV export", () => {
  it("starts with a UTF-8 BOM, uses CRLF and round-trips through csv-parse with numbers as numbers", () => {
    const csv = allocationCsv(sampleReport());
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toContain("\r\n");
    const records = parse(csv, { bom: true, columns: true, cast: true }) as Record<string, unknown>[];
    expect(Object.keys(records[0])).toEqual([...ALLOCATION_COLUMNS]);
    const byVenue = Object.fromEntries(records.map((r) => [r.venue, r]));
    // alpha capped at 30 % = $300k; bravo:charlie = 60:40 of $700k.
    expect(byVenue.alpha).toMatchObject({ allocation_usd: 300000, binding_constraint: "cap", cap_usd: 300000, score_0_100: 80, capacity_usd: 400000, capacity_basis: "stress-p5", data_from_utc: "2024-11-01T00:00:00.000Z" });
    expect(byVenue.bravo).toMatchObject({ allocation_usd: 420000, allocation_pct: 42, venue_provenance: "live" });
    expect(byVenue.charlie).toMatchObject({ allocation_usd: 280000, venue_name: "Charlie Futures", venue_provenance: "recorded", warnings: "" });
    expect(String(byVenue.alpha.reasons)).toContain("stressed p5 over 2 stress windows");
  });

  it("neutralises text cells that would be formulas while numbers, negatives included, stay numbers", () => {
    const columns = ["label", "amount_usd", "note"];
    const rows = [
      ...INJECTIONS.map((s, i) => ({ label: s, amount_usd: -(i + 1.5), note: `row ${i}` })),
      { label: 'comma, "quote"\nnewline', amount_usd: -2, note: "Ünïcödé €" },
      { label: "plain", amount_usd: 0, note: null },
    ];
    const csv = tableToCsv({ columns, rows });
    const raw = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(raw.slice(0, INJECTIONS.length).map((r) => r.label)).toEqual(INJECTIONS.map((s) => `'${s}`));
    expect(raw[INJECTIONS.length]).toEqual({ label: 'comma, "quote"\nnewline', amount_usd: "-2", note: "Ünïcödé €" });
    expect(raw.at(-1)).toEqual({ label: "plain", amount_usd: "0", note: "" });
    // Numbers are written bare (no quote, no prefix) and parse back as numbers, negatives included.
    expect(csv).toContain("'=cmd|' /C calc'!A0,-1.5,row 0\r\n");
    expect(csv).toContain("'-2,-3.5,row 2\r\n");
    expect(csv).toContain('"\x27\rCR",-6.5,row 5');
    const cast = parse(csv, { bom: true, columns: true, cast: true }) as Record<string, unknown>[];
    expect(cast.map((r) => r.amount_usd)).toEqual([-1.5, -2.5, -3.5, -4.5, -5.5, -6.5, -2, 0]);
    expect(cast[2].label).toBe("'-2");
    expect(neutralise("safe")).toBe("safe");
  });

  it("neutralises hostile venue names in a full allocation export", () => {
    const csv = allocationCsv(sampleReport({ names: ["=HYPERLINK(\"http://x\")", "+Bravo", "@Charlie"] }));
    const names = (parse(csv, { bom: true, columns: true }) as Record<string, string>[]).map((r) => r.venue_name);
    expect(names.sort()).toEqual(["'+Bravo", "'=HYPERLINK(\"http://x\")", "'@Charlie"]);
  });
});

describe("JSON export", () => {
  it("has the CSV's rows plus methodology version, parameters and provenance", () => {
    const report = sampleReport();
    const json = allocationJson(report, { id: 7 });
    expect(json).toMatchObject({ format: ALLOCATION_JSON_FORMAT, id: 7, methodologyVersion: METHODOLOGY_VERSION, params: { capitalUsd: 1_000_000, caps: { alpha: { sharePct: 30 } } } });
    expect(json.provenance.simulated).toEqual([]);
    expect(json.warnings).toEqual([]);
    const demo = allocationJson(sampleReport({ simulated: true }));
    expect(demo.provenance.simulated).toEqual(["alpha", "bravo", "charlie"]);
    expect(demo.provenance.recorded).toEqual([]);
    expect(demo.provenance.notes.join(" ")).toContain("the venue is fictional");
    expect(demo.params.venueSet).toBe("simulated");
    const csvRows = parse(allocationCsv(report), { bom: true, columns: true, cast: true }) as Record<string, unknown>[];
    expect(json.rows.map((r) => [r.venue, r.allocation_usd])).toEqual(csvRows.map((r) => [r.venue, r.allocation_usd]));
    expect(JSON.parse(JSON.stringify(json)).columns).toEqual([...ALLOCATION_COLUMNS]);
  });
});

async function pdfText(buf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(buf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe("PDF export", () => {
  it("contains the allocation table's venue names and figures, the sections and the provenance labels", async () => {
    const report = sampleReport();
    const buf = await allocationPdf(report, { id: 3 });
    expect(buf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(buf);
    for (const l of report.allocation.lines) {
      expect(text).toContain(l.name);
      expect(text).toContain(usdWhole(l.allocationUsd));
      expect(text).toContain(usdWhole(l.capacityUsd));
    }
    expect(text).toContain("$300,000");
    expect(text).toContain("$420,000");
    expect(text).toContain("$280,000");
    for (const section of ["Parameters", "Proposed allocation", "Checklist summary", "Slippage vs order notional", "Methodology", "Data provenance and coverage"]) expect(text).toContain(section);
    expect(text).toContain("2024-12-01 12:00 UTC");
    expect(text).toContain("Venues real venues only");
    // The data's own dates beside each venue's figures.
    expect(text).toContain("Alpha Exchange (data 2024-11-01 to 2024-11-30 UTC): cap.");
    expect(text).not.toContain("SIMULATED DEMO");
    expect(text).toContain(`methodology v${METHODOLOGY_VERSION}`);
  });

  it("prints the warnings and labels the simulated demo", async () => {
    // Charlie on 12 snapshots (< 30) holds 28 % of the capital: one few-snapshots warning.
    const text = await pdfText(await allocationPdf(sampleReport({ simulated: true, charlieSnapshots: 12 })));
    expect(text).toContain("SIMULATED DEMO - fictional venues, not for real allocations: alpha, bravo, charlie.");
    expect(text).toContain("Warnings (1):");
    expect(text).toContain("Sim Charlie: figures rest on 12 order-book snapshots, fewer than the minimum of 30.");
    expect(text).toContain("simulated demo");
  });

  it("explains an infeasible request", async () => {
    const text = await pdfText(await allocationPdf(sampleReport({ targetOrderNotionalUsd: 500_000 })));
    expect(text).toContain("Infeasible: No venue can fill one order of $500,000 within 10 bps");
    expect(text).toContain("capacity below target");
  });
});

import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { METHODOLOGY_VERSION, methodology } from "./methodology";
import { CHECKLIST_ITEMS, DEFAULT_WEIGHTS, FACT_KEYS } from "./items";
import { SCALE_DEFINITIONS, formatScalePoints } from "./scale";

// docs/methodology.md is rendered by renderMethodologyMarkdown(); these checks keep it in step with the code.
const doc = readFileSync(fileURLToPath(new URL("../../docs/methodology.md", import.meta.url)), "utf8");

describe("docs/methodology.md matches the code", () => {
  it("shows every scale's breakpoints", () => {
    for (const s of Object.values(SCALE_DEFINITIONS)) {
      expect(doc, s.id).toContain(`\`${s.id}\``);
      expect(doc, s.id).toContain(`Points: ${formatScalePoints(s.points)}`);
    }
  });

  it("shows every default weight", () => {
    // Default weights: depth 25, stress 15, funding 15, liquidation 15, fees 15, resiliency 10, transparency 5 (sum 100).
    expect(Object.values(DEFAULT_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    expect(DEFAULT_WEIGHTS).toEqual({ depth: 25, stress: 15, funding: 15, liquidation: 15, fees: 15, resiliency: 10, transparency: 5 });
    for (const item of CHECKLIST_ITEMS) {
      expect(doc, item.id).toContain(`| ${item.label} | \`${item.id}\` | ${DEFAULT_WEIGHTS[item.id]} |`);
    }
  });

  it("shows every formula, the stress rule, the fact keys and the version", () => {
    const m = methodology();
    for (const g of m.formulaGroups) for (const f of g.formulas) expect(doc, f.id).toContain(f.definition);
    for (const f of m.scoring) expect(doc, f.id).toContain(f.definition);
    for (const k of Object.values(FACT_KEYS)) expect(doc).toContain(`\`${k}\``);
    expect(doc).toContain(m.stressRule.description);
    expect(doc).toContain(`version ${METHODOLOGY_VERSION}`);
  });
});

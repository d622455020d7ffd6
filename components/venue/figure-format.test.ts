import { describe, expect, it } from "vitest";
import { fmtFigure } from "./figure-format";
import { CHECKLIST_ITEMS } from "@/lib/scoring/items";

describe("fmtFigure", () => {
  it("prints shares of open interest as percentages, as compare does", () => {
    expect(fmtFigure(0.1237, "share")).toBe("12.37 %");
    expect(fmtFigure(0.0004, "share")).toBe("0.04 %");
    expect(fmtFigure(2, "ratio")).toBe("2.00 ×");
    expect(fmtFigure(null, "share")).toBe("no data");
  });

  it("gives the insurance and cascade items a share unit, not a multiple", () => {
    const unitOf = (id: string) => {
      const sm = CHECKLIST_ITEMS.flatMap((i) => i.subMetrics).find((s) => s.id === id);
      return sm?.kind === "metric" ? sm.unit : undefined;
    };
    expect(unitOf("insuranceToOi")).toBe("share");
    expect(unitOf("largestCascadeToOi")).toBe("share");
  });
});

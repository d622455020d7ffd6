// Formatting of checklist figures by unit, and where on the venue page each item's evidence is charted.
import { fmtBps, fmtPct, fmtUsd } from "@/lib/format";

export function fmtFigure(value: number | string | boolean | null, unit: string): string {
  if (value === null || value === undefined) return "no data";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value;
  switch (unit) {
    case "bps":
      return fmtBps(value, 2);
    case "share":
      // Two decimals, as compare and the key figures print the same shares (Insurance fund / OI 12.37 %).
      return fmtPct(value, 2);
    case "fraction per year":
      return `${fmtPct(value, 1)} / yr`;
    case "ratio":
      return `${value.toFixed(value < 0.1 ? 4 : 2)} ×`;
    case "hours":
      return `${value.toFixed(1)} h`;
    case "USD":
      return fmtUsd(value);
    case "count":
      return String(value);
    default:
      return `${+value.toPrecision(4)} ${unit}`;
  }
}

/** The page section that charts or lists each item's evidence. */
export const EVIDENCE_ANCHOR: Record<string, { href: string; label: string }> = {
  depth: { href: "#slippage-curve", label: "slippage vs notional and depth charts" },
  stress: { href: "#slippage-time", label: "slippage over time with stress windows" },
  funding: { href: "#funding", label: "funding chart and facts" },
  liquidation: { href: "#liquidations", label: "liquidations chart and facts" },
  fees: { href: "#fees", label: "fee schedule history" },
  resiliency: { href: "#coverage", label: "data coverage, and ingest runs on the data status page" },
  transparency: { href: "#facts", label: "curated facts" },
};

/** The scoring's reason for a missing sub-score ("not published by venue" comes from the venue's `has` map). */
export function missingReason(missing: string | undefined): string {
  if (missing?.includes("not curated")) return "no curated fact";
  if (missing?.includes("unknown")) return "fact unknown";
  return missing ?? "no data";
}

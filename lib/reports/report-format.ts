// Formatting of report figures shared by the PDF and the report pages (missing = "no data").
import { fmtBps } from "../format";

const NO_DATA = "no data";
const ok = (n: number | null | undefined): n is number => n !== null && n !== undefined && Number.isFinite(n);

/** Whole US dollars with thousands separators: $1,234,567. */
export function usdWhole(n: number | null | undefined): string {
  return ok(n) ? `${n < 0 ? "-" : ""}$${Math.abs(Math.round(n)).toLocaleString("en-US")}` : NO_DATA;
}

/** A share (0–1) as a percentage with one decimal. */
export function sharePct(n: number | null | undefined): string {
  return ok(n) ? `${(n * 100).toFixed(1)} %` : NO_DATA;
}

export function score1(n: number | null | undefined): string {
  return ok(n) ? n.toFixed(1) : NO_DATA;
}

export function bps2(n: number | null | undefined): string {
  return fmtBps(n, 2);
}

export function capacityBasisLabel(basis: string | null, windows: number): string {
  if (basis === "stress-p5") return `stressed p5 (${windows} stress window${windows === 1 ? "" : "s"})`;
  if (basis === "overall-p5") return "overall p5 (no stress window)";
  return NO_DATA;
}

/** Signed difference for the re-run comparison ("+1.2", "−$3,400", "no change"). */
export function signed(n: number | null | undefined, fmt: (v: number) => string): string {
  if (!ok(n)) return NO_DATA;
  if (Math.abs(n) < 1e-9) return "no change";
  return `${n > 0 ? "+" : "−"}${fmt(Math.abs(n))}`;
}

/** Which venues a report is over; a report saved before venue sets that mixed simulated venues says so. */
export function venueSetLabel(r: { params: { venueSet?: string }; provenance: { simulated: string[] } }): string {
  if (r.params.venueSet === "simulated") return "simulated demo — fictional venues only";
  if (r.params.venueSet === undefined && r.provenance.simulated.length > 0) return "real and simulated (saved before the rule that keeps them apart)";
  return "real venues only";
}

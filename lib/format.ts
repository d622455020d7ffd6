// Display formatting shared by pages and exports' human-readable parts. Times are shown in UTC.

export function fmtUtc(iso: string | number | Date | null | undefined): string {
  if (iso === null || iso === undefined) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function fmtDay(iso: string | number | Date | null | undefined): string {
  if (iso === null || iso === undefined) return "—";
  return new Date(iso).toISOString().slice(0, 10);
}

export function fmtRange(from: string | null, to: string | null): string {
  if (!from || !to) return "—";
  return from.slice(0, 10) === to.slice(0, 10) && from === to ? fmtUtc(from) : `${fmtUtc(from)} → ${fmtUtc(to)}`;
}

export function fmtInt(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : n.toLocaleString("en-US");
}

export function fmtUsd(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "no data";
  // One money format: the sign before the dollar sign ("-$4.1k", never "$-4.1k").
  const abs = Math.abs(n);
  const sign = n < 0 && Number(abs.toFixed(abs >= 1e3 ? 2 : digits)) !== 0 ? "-" : "";
  if (abs >= 1e9) return `${sign}$${(abs / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${sign}$${(abs / 1e6).toFixed(2)}M`;
  if (abs >= 1e3) return `${sign}$${(abs / 1e3).toFixed(1)}k`;
  return `${sign}$${abs.toFixed(digits)}`;
}

export function fmtBps(n: number | null | undefined, digits = 1): string {
  return n === null || n === undefined || !Number.isFinite(n) ? "no data" : `${n.toFixed(digits)} bps`;
}

export function fmtPct(n: number | null | undefined, digits = 1): string {
  return n === null || n === undefined || !Number.isFinite(n) ? "no data" : `${(n * 100).toFixed(digits)} %`;
}

"use client";
// Side and holding-window controls shared by the carry panels (local state: the page URL keeps the view's own params).
import type { CarrySide } from "@/lib/metrics/carry";

export const HOLD_CHOICES = [1, 7, 30] as const;

export function CarryControls({ side, hold, onSide, onHold }: { side: CarrySide; hold: number; onSide: (s: CarrySide) => void; onHold: (h: number) => void }) {
  return (
    <span className="inline small">
      <label>
        Position{" "}
        <select value={side} onChange={(e) => onSide(e.target.value as CarrySide)} data-testid="carry-side">
          <option value="long">long</option>
          <option value="short">short</option>
        </select>
      </label>{" "}
      <label>
        rolling hold{" "}
        <select value={hold} onChange={(e) => onHold(Number(e.target.value))} data-testid="carry-hold">
          {HOLD_CHOICES.map((h) => (
            <option key={h} value={h}>
              {h} d
            </option>
          ))}
        </select>
      </label>
    </span>
  );
}

/** Annualized fraction as "−4.71 %/yr"; null as "no data". */
export const fmtApr = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? "no data" : `${(v * 100).toFixed(2)} %/yr`);

"use client";
// The shared view controls: target notional (presets and a custom amount), time window, asset, and whether
// simulated venues are shown. Each is labelled and keyboard-usable; changes go to the URL.
import { useEffect, useId, useState } from "react";
import { ASSET_CHOICES, fmtNotional, MAX_NOTIONAL_USD, NOTIONAL_PRESETS_USD, WINDOW_CHOICES, type ViewParams } from "@/lib/queries/view-params";
import { fmtUsd } from "@/lib/format";
import type { UpdateView } from "./use-view-params";

const WINDOW_LABELS: Record<string, string> = { "7d": "7 days", "30d": "30 days", "90d": "90 days", "365d": "365 days", all: "All data" };

export function NotionalControl({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  const id = useId();
  const [custom, setCustom] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setCustom(String(value)), [value]);
  function apply() {
    const n = Number(custom);
    if (!Number.isFinite(n) || n <= 0 || n > MAX_NOTIONAL_USD) {
      setError(`Enter a USD amount between 1 and ${fmtUsd(MAX_NOTIONAL_USD)}.`);
      return;
    }
    setError(null);
    onChange(Math.round(n));
  }
  return (
    <div className="field">
      <span className="label" id={`${id}-l`}>
        Target notional (USD)
      </span>
      <div className="inline">
        <div className="seg" role="group" aria-labelledby={`${id}-l`}>
          {NOTIONAL_PRESETS_USD.map((n) => (
            <button key={n} type="button" aria-pressed={value === n} onClick={() => onChange(n)} data-notional={n}>
              {fmtNotional(n)}
            </button>
          ))}
        </div>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <label htmlFor={`${id}-c`} className="sr-only">
            Custom notional in USD
          </label>
          <input id={`${id}-c`} type="number" min={1} max={MAX_NOTIONAL_USD} step="any" inputMode="decimal" value={custom} onChange={(e) => setCustom(e.target.value)} style={{ width: 120 }} aria-describedby={error ? `${id}-e` : undefined} data-testid="custom-notional" />
          <button type="submit">Apply</button>
        </form>
      </div>
      {error ? (
        <span id={`${id}-e`} className="error-text small" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function ViewControls({ params, update, show = ["notional", "window", "asset", "simulated"] }: { params: ViewParams; update: UpdateView; show?: ("notional" | "window" | "asset" | "simulated")[] }) {
  const id = useId();
  return (
    <div className="controls" data-testid="view-controls">
      {show.includes("notional") ? <NotionalControl value={params.notional} onChange={(n) => update({ notional: n })} /> : null}
      {show.includes("window") ? (
        <div className="field">
          <label htmlFor={`${id}-w`}>Time window</label>
          <select id={`${id}-w`} value={params.window} onChange={(e) => update({ window: e.target.value as ViewParams["window"] })} data-testid="window">
            {WINDOW_CHOICES.map((w) => (
              <option key={w} value={w}>
                {WINDOW_LABELS[w] ?? w}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {show.includes("asset") ? (
        <div className="field">
          <label htmlFor={`${id}-a`}>Asset</label>
          <select id={`${id}-a`} value={params.asset} onChange={(e) => update({ asset: e.target.value })} data-testid="asset">
            {[...new Set([...ASSET_CHOICES, params.asset])].map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {show.includes("simulated") ? (
        <div className="field">
          <span className="label">Venues shown</span>
          <label className="check">
            <input type="checkbox" checked={params.simulated} onChange={(e) => update({ simulated: e.target.checked })} data-testid="show-simulated" />
            Show simulated venues
          </label>
        </div>
      ) : null}
    </div>
  );
}

export function windowLabel(w: string): string {
  return WINDOW_LABELS[w] ?? w;
}

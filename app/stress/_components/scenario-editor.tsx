"use client";
// The scenario part of the builder: start from a built-in scenario or a stored stress window, then edit the
// shocks (per asset, optionally per venue: a correlation break or a venue divergence), the liquidity drain,
// a funding spike, a collateral haircut shock and late margin.
import type { StressOptions } from "@/lib/services/stress-options";
import type { ScenarioInput } from "@/lib/stress/scenario";
import { HOUR_MS } from "@/lib/metrics/time";

type Shock = { asset: string; venue?: string; movePct: number; startHours?: number; rampHours?: number };

export interface ScenarioState {
  base: string;
  name: string;
  description: string;
  horizonHours: string;
  stepMinutes: string;
  replayWindow: string;
  shocks: Array<{ asset: string; venue: string; movePct: string; startHours: string; rampHours: string }>;
  depthFactor: string;
  fundingRatePct: string;
  fundingFrom: string;
  fundingTo: string;
  haircutAsset: string;
  haircutPct: string;
  haircutAt: string;
  replenishUsd: string;
  replenishDelay: string;
  normalMovePct: string;
}

const s = (v: number | undefined, d = "") => (v === undefined ? d : String(v));
const num = (v: string) => (v.trim() === "" ? undefined : Number(v.replace(/[_,\s]/g, "")));

export function scenarioState(base: string, sc: ScenarioInput): ScenarioState {
  const f = sc.funding?.[0];
  const h = sc.haircuts?.[0];
  const r = sc.replenishment?.[0];
  return {
    base,
    name: sc.name,
    description: sc.description ?? "",
    horizonHours: s(sc.horizonHours, "24"),
    stepMinutes: s(sc.stepMinutes, "15"),
    replayWindow: sc.replayWindow ?? "",
    shocks: (sc.shocks ?? []).map((x: Shock) => ({ asset: x.asset, venue: x.venue ?? "", movePct: String(x.movePct), startHours: s(x.startHours, "0"), rampHours: s(x.rampHours, "0") })),
    depthFactor: s(sc.liquidityDrain?.[0]?.depthFactor, "1"),
    fundingRatePct: f ? String(+(f.ratePerInterval * 100).toFixed(6)) : "",
    fundingFrom: s(f?.fromHours, "0"),
    fundingTo: s(f?.toHours, ""),
    haircutAsset: h?.asset ?? "",
    haircutPct: h ? String(+(h.haircut * 100).toFixed(4)) : "",
    haircutAt: s(h?.atHours, "0"),
    replenishUsd: r ? String(r.amountUsd) : "",
    replenishDelay: s(r?.delayHours, ""),
    normalMovePct: s(sc.normalMovePct, "5"),
  };
}

/** The form as the API's scenario JSON; empty optional parts are left out (the server validates the rest). */
export function scenarioBody(st: ScenarioState): unknown {
  const depth = num(st.depthFactor);
  const rate = num(st.fundingRatePct);
  const haircut = num(st.haircutPct);
  const repl = num(st.replenishUsd);
  return {
    name: st.name || "custom",
    description: st.description || undefined,
    horizonHours: num(st.horizonHours),
    stepMinutes: num(st.stepMinutes),
    replayWindow: st.replayWindow || undefined,
    shocks: st.shocks.map((x) => ({ asset: x.asset, venue: x.venue || undefined, movePct: num(x.movePct), startHours: num(x.startHours) ?? 0, rampHours: num(x.rampHours) ?? 0 })),
    liquidityDrain: depth !== undefined && depth < 1 ? [{ depthFactor: depth }] : [],
    funding: rate !== undefined ? [{ ratePerInterval: rate / 100, fromHours: num(st.fundingFrom) ?? 0, toHours: num(st.fundingTo) ?? num(st.horizonHours) }] : [],
    haircuts: haircut !== undefined && st.haircutAsset ? [{ asset: st.haircutAsset, haircut: haircut / 100, atHours: num(st.haircutAt) ?? 0 }] : [],
    replenishment: repl !== undefined && repl > 0 ? [{ amountUsd: repl, delayHours: num(st.replenishDelay) ?? 0 }] : [],
    normalMovePct: num(st.normalMovePct),
  };
}

function Input({ label, value, onChange, hint, width = 110 }: { label: string; value: string; onChange: (v: string) => void; hint?: string; width?: number }) {
  const id = `sc-${label.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
  return (
    <div className="field" style={{ width }}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} title={hint} />
    </div>
  );
}

export function ScenarioEditor({ options, value, onChange, errors }: { options: StressOptions; value: ScenarioState; onChange: (s: ScenarioState) => void; errors: Record<string, string[]> }) {
  const set = (patch: Partial<ScenarioState>) => onChange({ ...value, ...patch });
  const scErrors = Object.entries(errors).filter(([k]) => k.startsWith("scenario") || /^(shocks|funding|haircuts|replenishment|liquidityDrain|horizonHours|stepMinutes|normalMovePct|replayWindow)/.test(k));
  return (
    <section className="panel" aria-labelledby="scenario-h">
      <h2 id="scenario-h">Scenario</h2>
      <div className="controls">
        <div className="field">
          <label htmlFor="sc-base">Start from</label>
          <select
            id="sc-base"
            value={value.base}
            onChange={(e) => {
              const name = e.target.value;
              if (name.startsWith("window:")) {
                const w = options.replayWindows.find((x) => x.id === name.slice(7));
                onChange({ ...scenarioState(name, { name: `replay ${w?.symbol ?? ""} ${w ? new Date(w.from).toISOString().slice(0, 10) : ""}`.trim(), replayWindow: w?.id, horizonHours: w ? Math.max(1, (w.to - w.from) / HOUR_MS) : 24 }) });
              } else if (options.scenarios[name]) onChange(scenarioState(name, options.scenarios[name]));
            }}
          >
            <optgroup label="Built-in scenarios">
              {Object.keys(options.scenarios).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </optgroup>
            <optgroup label="Replay a stored stress window">
              {options.replayWindows.length === 0 ? <option disabled>none detected in the stored books</option> : null}
              {options.replayWindows.map((w) => (
                <option key={w.id} value={`window:${w.id}`}>
                  {w.label}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <Input label="Name" value={value.name} onChange={(v) => set({ name: v })} width={200} />
        <Input label="Horizon (h)" value={value.horizonHours} onChange={(v) => set({ horizonHours: v })} width={90} />
        <Input label="Step (min)" value={value.stepMinutes} onChange={(v) => set({ stepMinutes: v })} width={90} />
        <Input label="Normal move (± %)" value={value.normalMovePct} onChange={(v) => set({ normalMovePct: v })} width={120} hint="The everyday move used to size the collateral each margin mode needs" />
      </div>
      {value.description ? <p className="muted small">{value.description}</p> : null}
      {value.replayWindow ? (
        <p className="small">
          Replaying stored prices of window <code>{value.replayWindow}</code>; shocks below add on top.
        </p>
      ) : null}
      <h3>Price shocks</h3>
      <p className="muted small">Give two assets different moves for a correlation break, or one venue an extra move for a venue divergence. A 0-hour ramp is a gap.</p>
      <div className="stress-rows" data-testid="shocks">
        {value.shocks.map((x, i) => (
          <div className="shock-row" key={i}>
            <input aria-label={`Shock ${i + 1} asset`} type="text" value={x.asset} onChange={(e) => set({ shocks: value.shocks.map((y, k) => (k === i ? { ...y, asset: e.target.value.toUpperCase() } : y)) })} />
            <select aria-label={`Shock ${i + 1} venue`} value={x.venue} onChange={(e) => set({ shocks: value.shocks.map((y, k) => (k === i ? { ...y, venue: e.target.value } : y)) })}>
              <option value="">every venue</option>
              {options.venues.map((v) => (
                <option key={v.slug} value={v.slug}>
                  {v.name}
                </option>
              ))}
            </select>
            <input aria-label={`Shock ${i + 1} move %`} type="text" inputMode="decimal" value={x.movePct} onChange={(e) => set({ shocks: value.shocks.map((y, k) => (k === i ? { ...y, movePct: e.target.value } : y)) })} />
            <input aria-label={`Shock ${i + 1} start hour`} type="text" inputMode="decimal" value={x.startHours} onChange={(e) => set({ shocks: value.shocks.map((y, k) => (k === i ? { ...y, startHours: e.target.value } : y)) })} />
            <input aria-label={`Shock ${i + 1} ramp hours`} type="text" inputMode="decimal" value={x.rampHours} onChange={(e) => set({ shocks: value.shocks.map((y, k) => (k === i ? { ...y, rampHours: e.target.value } : y)) })} />
            <button type="button" aria-label={`Remove shock ${i + 1}`} onClick={() => set({ shocks: value.shocks.filter((_, k) => k !== i) })}>
              ×
            </button>
          </div>
        ))}
        <p className="muted small" style={{ margin: 0 }}>
          asset · venue · move % · start hour · ramp hours
        </p>
      </div>
      <p>
        <button type="button" onClick={() => set({ shocks: [...value.shocks, { asset: "BTC", venue: "", movePct: "-10", startHours: "0", rampHours: "0" }] })}>
          Add shock
        </button>
      </p>
      <div className="controls">
        <Input label="Depth left (0–1)" value={value.depthFactor} onChange={(v) => set({ depthFactor: v })} hint="Liquidity drain: stored depth is multiplied by this" />
        <Input label="Funding % / interval" value={value.fundingRatePct} onChange={(v) => set({ fundingRatePct: v })} hint="Positive: longs pay" width={140} />
        <Input label="from h" value={value.fundingFrom} onChange={(v) => set({ fundingFrom: v })} width={70} />
        <Input label="to h" value={value.fundingTo} onChange={(v) => set({ fundingTo: v })} width={70} />
        <Input label="Haircut asset" value={value.haircutAsset} onChange={(v) => set({ haircutAsset: v.toUpperCase() })} width={100} />
        <Input label="haircut %" value={value.haircutPct} onChange={(v) => set({ haircutPct: v })} width={80} />
        <Input label="at h" value={value.haircutAt} onChange={(v) => set({ haircutAt: v })} width={70} />
        <Input label="Fresh margin (USD)" value={value.replenishUsd} onChange={(v) => set({ replenishUsd: v })} width={140} />
        <Input label="arrives after h" value={value.replenishDelay} onChange={(v) => set({ replenishDelay: v })} width={110} />
      </div>
      {scErrors.length ? (
        <ul className="warn-list" data-testid="scenario-errors">
          {scErrors.map(([k, v]) => (
            <li key={k} className="error-text">
              {k}: {v.join("; ")}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

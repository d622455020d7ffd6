"use client";
// The portfolio part of the builder: positions (venue, market, side, size), collateral and margin mode per
// venue, and upload of a CSV/JSON portfolio (parsed and validated by /api/stress/portfolio).
import { useState, type ChangeEvent } from "react";
import type { StressOptions } from "@/lib/views/stress";
import type { Portfolio } from "@/lib/stress/portfolio";

export interface PositionRow {
  venue: string;
  market: string;
  side: "long" | "short";
  sizeKind: "notionalUsd" | "size" | "contracts";
  amount: string;
  entryPrice: string;
  leverage: string;
}
export interface CollateralRow {
  venue: string;
  asset: string;
  amount: string;
}
export interface PortfolioState {
  name: string;
  positions: PositionRow[];
  collateral: CollateralRow[];
  modes: Record<string, "cross" | "isolated">;
}

const num = (s: string) => (s.trim() === "" ? undefined : Number(s.replace(/[_,\s]/g, "")));

/** The form state as the API's portfolio JSON (validation happens on the server). */
export function portfolioBody(p: PortfolioState): unknown {
  return {
    name: p.name || "portfolio",
    positions: p.positions.map((r) => ({ venue: r.venue, market: r.market, side: r.side, [r.sizeKind]: num(r.amount), entryPrice: num(r.entryPrice), leverage: num(r.leverage) })),
    collateral: p.collateral.map((c) => ({ venue: c.venue, asset: c.asset, amount: num(c.amount) })),
    modes: p.modes,
  };
}

export function stateFromPortfolio(p: Portfolio): PortfolioState {
  return {
    name: p.name,
    positions: p.positions.map((x) => {
      const sizeKind = x.size !== undefined ? "size" : x.contracts !== undefined ? "contracts" : "notionalUsd";
      return { venue: x.venue, market: x.market, side: x.side, sizeKind, amount: String(x[sizeKind] ?? ""), entryPrice: x.entryPrice === undefined ? "" : String(x.entryPrice), leverage: x.leverage === undefined ? "" : String(x.leverage) };
    }),
    collateral: p.collateral.map((c) => ({ venue: c.venue, asset: c.asset, amount: String(c.amount) })),
    modes: p.modes,
  };
}

/** Keep one collateral row per venue in use; drop rows of venues no longer traded. */
function syncCollateral(p: PortfolioState): PortfolioState {
  const venues = [...new Set(p.positions.map((r) => r.venue))];
  const kept = p.collateral.filter((c) => venues.includes(c.venue));
  for (const v of venues) if (!kept.some((c) => c.venue === v)) kept.push({ venue: v, asset: "USDT", amount: "100000" });
  return { ...p, collateral: kept };
}

export function PortfolioEditor({ options, value, onChange, errors }: { options: StressOptions; value: PortfolioState; onChange: (p: PortfolioState) => void; errors: Record<string, string[]> }) {
  const [upload, setUpload] = useState<{ status: "idle" | "busy" | "error" | "ok"; message?: string }>({ status: "idle" });
  const venueOf = (slug: string) => options.venues.find((v) => v.slug === slug);
  const setRow = (i: number, patch: Partial<PositionRow>) => onChange(syncCollateral({ ...value, positions: value.positions.map((r, k) => (k === i ? { ...r, ...patch } : r)) }));
  const err = (key: string) => errors[key]?.join("; ");

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setUpload({ status: "busy" });
    const res = await fetch(`/api/stress/portfolio?name=${encodeURIComponent(file.name.replace(/\.[^.]+$/, ""))}`, { method: "POST", headers: { "content-type": file.name.toLowerCase().endsWith(".json") ? "application/json" : "text/csv" }, body: await file.text() });
    const json = await res.json().catch(() => null);
    if (!res.ok) {
      const fields = json?.fields ? Object.entries(json.fields as Record<string, string[]>).map(([k, v]) => `${k}: ${v.join("; ")}`).join(" · ") : "";
      setUpload({ status: "error", message: `${json?.error ?? `HTTP ${res.status}`}${fields ? ` — ${fields}` : ""}` });
      return;
    }
    onChange(stateFromPortfolio(json.portfolio as Portfolio));
    setUpload({ status: "ok", message: `Loaded ${file.name}: ${json.portfolio.positions.length} positions on ${new Set(json.portfolio.positions.map((p: { venue: string }) => p.venue)).size} venues.` });
    e.target.value = "";
  }

  return (
    <section className="panel" aria-labelledby="portfolio-h">
      <div className="panel-head">
        <h2 id="portfolio-h">Portfolio</h2>
        <span className="inline small">
          <label className="check">
            Upload CSV or JSON <input type="file" accept=".csv,.json,text/csv,application/json" onChange={onFile} data-testid="portfolio-upload" />
          </label>
          <a href="/stress-portfolio-example.csv" download>
            example CSV
          </a>
        </span>
      </div>
      <p className="status-line" role="status" data-testid="upload-status">
        {upload.status === "busy" ? "Reading the file…" : upload.message ? <span className={upload.status === "error" ? "error-text" : undefined}>{upload.message}</span> : null}
      </p>
      <div className="field" style={{ maxWidth: 360, marginBottom: 8 }}>
        <label htmlFor="pf-name">Name</label>
        <input id="pf-name" type="text" value={value.name} onChange={(e) => onChange({ ...value, name: e.target.value })} />
      </div>
      <div className="stress-rows" data-testid="positions">
        <div className="stress-row head" aria-hidden>
          <span>Venue</span>
          <span>Market</span>
          <span>Side</span>
          <span>Size in</span>
          <span>Size</span>
          <span>Entry price (USD)</span>
          <span>Leverage</span>
          <span />
        </div>
        {value.positions.map((r, i) => {
          const venue = venueOf(r.venue);
          const rowErr = Object.entries(errors)
            .filter(([k]) => k.startsWith(`positions.${i}.`))
            .map(([k, v]) => `${k.slice(`positions.${i}.`.length)}: ${v.join("; ")}`)
            .join(" · ");
          return (
            <div key={i}>
              <div className="stress-row" data-testid={`position-${i}`}>
                <select aria-label={`Position ${i + 1} venue`} value={r.venue} onChange={(e) => setRow(i, { venue: e.target.value, market: venueOf(e.target.value)?.markets[0]?.symbol ?? "" })}>
                  {options.venues.map((v) => (
                    <option key={v.slug} value={v.slug}>
                      {v.name} ({v.provenance})
                    </option>
                  ))}
                </select>
                <select aria-label={`Position ${i + 1} market`} value={r.market} onChange={(e) => setRow(i, { market: e.target.value })}>
                  {!venue?.markets.some((m) => m.symbol === r.market) && r.market ? <option value={r.market}>{r.market}</option> : null}
                  {venue?.markets.map((m) => (
                    <option key={m.symbol} value={m.symbol}>
                      {m.symbol}
                      {m.hasRules ? "" : " (no margin rules)"}
                    </option>
                  ))}
                </select>
                <select aria-label={`Position ${i + 1} side`} value={r.side} onChange={(e) => setRow(i, { side: e.target.value as PositionRow["side"] })}>
                  <option value="long">long</option>
                  <option value="short">short</option>
                </select>
                <select aria-label={`Position ${i + 1} size unit`} value={r.sizeKind} onChange={(e) => setRow(i, { sizeKind: e.target.value as PositionRow["sizeKind"] })}>
                  <option value="notionalUsd">USD notional</option>
                  <option value="size">base units</option>
                  <option value="contracts">contracts</option>
                </select>
                <input aria-label={`Position ${i + 1} size`} type="text" inputMode="decimal" value={r.amount} onChange={(e) => setRow(i, { amount: e.target.value })} />
                <input aria-label={`Position ${i + 1} entry price`} type="text" inputMode="decimal" placeholder="latest mid" value={r.entryPrice} onChange={(e) => setRow(i, { entryPrice: e.target.value })} />
                <input aria-label={`Position ${i + 1} leverage`} type="text" inputMode="decimal" placeholder="max" value={r.leverage} onChange={(e) => setRow(i, { leverage: e.target.value })} />
                <button type="button" aria-label={`Remove position ${i + 1}`} onClick={() => onChange(syncCollateral({ ...value, positions: value.positions.filter((_, k) => k !== i) }))} disabled={value.positions.length === 1}>
                  ×
                </button>
              </div>
              {rowErr ? <p className="field-error">{rowErr}</p> : null}
            </div>
          );
        })}
      </div>
      <p>
        <button
          type="button"
          onClick={() => {
            const last = value.positions[value.positions.length - 1];
            onChange(syncCollateral({ ...value, positions: [...value.positions, { ...(last ?? { venue: options.venues[0]?.slug ?? "", market: options.venues[0]?.markets[0]?.symbol ?? "" }), side: "long", sizeKind: "notionalUsd", amount: "100000", entryPrice: "", leverage: "" }] }));
          }}
        >
          Add position
        </button>
      </p>
      <h3>Collateral and margin mode per venue</h3>
      <div className="stress-rows" data-testid="collateral">
        {value.collateral.map((c, i) => (
          <div className="collateral-row" key={`${c.venue}-${i}`}>
            <span>
              <strong>{venueOf(c.venue)?.name ?? c.venue}</strong>
            </span>
            <input aria-label={`Collateral asset on ${c.venue}`} type="text" value={c.asset} onChange={(e) => onChange({ ...value, collateral: value.collateral.map((x, k) => (k === i ? { ...x, asset: e.target.value } : x)) })} />
            <input aria-label={`Collateral amount on ${c.venue}`} type="text" inputMode="decimal" value={c.amount} onChange={(e) => onChange({ ...value, collateral: value.collateral.map((x, k) => (k === i ? { ...x, amount: e.target.value } : x)) })} />
            <select aria-label={`Margin mode on ${c.venue}`} value={value.modes[c.venue] ?? "cross"} onChange={(e) => onChange({ ...value, modes: { ...value.modes, [c.venue]: e.target.value as "cross" | "isolated" } })}>
              <option value="cross">cross margin</option>
              <option value="isolated">isolated margin</option>
            </select>
          </div>
        ))}
      </div>
      {err("collateral") ? <p className="field-error">{err("collateral")}</p> : null}
      <p className="muted small">Amounts are in the asset&apos;s units (USDT, USDC, BTC…). Stablecoins count at $1; other assets at their stored price, less the venue&apos;s haircut. Both modes are always computed; the mode chosen here is the one the ranking uses.</p>
    </section>
  );
}

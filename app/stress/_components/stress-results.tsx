"use client";
// A stress run's result: which venue hurt and why, cross beside isolated per venue, the equity / margin-ratio
// path, and every position with the tier, liquidation price, book walk and fee behind it.
import { useState } from "react";
import { StressPathChart } from "@/components/charts/stress-path-chart";
import { ProvenanceBadge } from "@/components/provenance-badge";
import { SourceLink } from "@/components/source-link";
import { fmtUsd, fmtUtc } from "@/lib/format";
import type { StressRun } from "@/lib/views/stress";
import type { VenueStressResult } from "@/lib/stress/run-stress";
import type { AccountRun } from "@/lib/stress/simulate-account";

const price = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? "—" : n >= 100 ? n.toLocaleString("en-US", { maximumFractionDigits: 2 }) : n.toPrecision(6));
const pct = (x: number, d = 2) => `${(x * 100).toFixed(d)} %`;
/** A loss as a desk reads it: "loss $80k" or "gain $80k" — never a negative loss. */
const lossText = (x: number) => (x >= 0 ? `loss ${fmtUsd(x)}` : `gain ${fmtUsd(-x)}`);
const Na = ({ children }: { children: string }) => <span className="nodata">{children}</span>;

function LossCell({ run }: { run: AccountRun }) {
  return (
    <>
      {lossText(run.lossUsd)}
      {run.liquidationCostLowerBound && run.liquidatedCount > 0 ? <span className="muted small"> (at least)</span> : null}
    </>
  );
}

function CrossVsIsolated({ venues }: { venues: VenueStressResult[] }) {
  return (
    <div className="table-wrap">
      <table data-testid="cross-vs-isolated">
        <caption className="muted small" style={{ textAlign: "left", marginBottom: 6 }}>
          Normal times: the collateral each mode needs with every asset moving together by the normal move, up or down (cross nets the legs; isolated margins each on its own). Scenario: loss with
          the portfolio&apos;s collateral; cost of cross = cross loss − isolated loss (positive: cross margin cost money here).
        </caption>
        <thead>
          <tr>
            <th scope="col">Venue</th>
            <th scope="col" className="num">Normal times: cross needs</th>
            <th scope="col" className="num">isolated needs</th>
            <th scope="col" className="num">Cross saves</th>
            <th scope="col" className="num">Scenario result, cross</th>
            <th scope="col" className="num">liquidations</th>
            <th scope="col" className="num">Scenario result, isolated</th>
            <th scope="col" className="num">liquidations</th>
            <th scope="col" className="num">Cost of cross</th>
            <th scope="col" className="num">Collateral to survive: cross / isolated</th>
          </tr>
        </thead>
        <tbody>
          {venues.map((v) => (
            <tr key={v.venueSlug} data-venue={v.venueSlug}>
              <td>
                <strong>{v.venueName}</strong> <ProvenanceBadge provenance={v.venueProvenance} />
                {v.offers.cross === false || v.offers.isolated === false ? (
                  <div className="small muted">offers {[v.offers.cross ? "cross" : null, v.offers.isolated ? "isolated" : null].filter(Boolean).join(" and ") || "neither mode"} only</div>
                ) : null}
              </td>
              <td className="num">{fmtUsd(v.normalTimes.crossUsd)}</td>
              <td className="num">{fmtUsd(v.normalTimes.isolatedUsd)}</td>
              <td className="num">{fmtUsd(v.normalTimes.crossSavesUsd)}</td>
              <td className="num">
                <LossCell run={v.cross} />
              </td>
              <td className="num">{v.cross.liquidatedCount}</td>
              <td className="num">
                <LossCell run={v.isolated} />
              </td>
              <td className="num">{v.isolated.liquidatedCount}</td>
              <td className="num">{fmtUsd(v.costOfCrossUsd)}</td>
              <td className="num">
                {fmtUsd(v.scenarioNeed.crossUsd)} / {fmtUsd(v.scenarioNeed.isolatedUsd)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PositionsTable({ run, fundingSpikes }: { run: AccountRun; fundingSpikes: string | null }) {
  return (
    <div className="table-wrap">
      <table data-testid={`positions-${run.mode}`}>
        <thead>
          <tr>
            <th scope="col">Position</th>
            <th scope="col">Margin rule (tier)</th>
            <th scope="col" className="num">Initial / isolated margin</th>
            <th scope="col" className="num">Liquidation price at start</th>
            <th scope="col">Liquidated</th>
            <th scope="col" className="num">Book walk cost</th>
            <th scope="col" className="num">Liquidation fee</th>
            <th scope="col" className="num">Funding paid</th>
            <th scope="col" className="num">PnL</th>
          </tr>
        </thead>
        <tbody>
          {run.positions.map((p) => {
            const l = p.liquidation;
            return (
              <tr key={p.id} className={l ? "liquidated" : undefined} data-symbol={p.symbol}>
                <td>
                  <strong>
                    {p.side} {p.symbol}
                  </strong>
                  <div className="small muted">
                    {price(p.sizeBase)} {p.asset} · {fmtUsd(p.startNotionalUsd)} at {price(p.startPriceUsd)}
                  </div>
                </td>
                <td className="small">
                  tier {p.rule.tier}: initial {pct(p.rule.initialMarginRate)}, maintenance {pct(p.rule.maintenanceMarginRate)}
                  {p.rule.maintenanceAmountUsd ? `, amount ${fmtUsd(p.rule.maintenanceAmountUsd)}` : ""} (max {+p.rule.maxLeverage.toFixed(2)}×)
                  {p.rule.beyondLastTier ? <span className="badge warn"> beyond last tier</span> : null}
                  <div>
                    <ProvenanceBadge provenance={p.rule.provenance} />{" "}
                    <SourceLink source={p.rule.source} />{" "}
                    <span className="muted">as of {p.rule.asOf.slice(0, 10)}</span>
                  </div>
                </td>
                <td className="num">
                  {fmtUsd(p.initialMarginUsd)}
                  {p.isolatedMarginUsd !== null ? <div className="small muted">isolated {fmtUsd(p.isolatedMarginUsd)}</div> : null}
                </td>
                <td className="num">{p.liquidationPriceStartUsd === null ? <Na>none</Na> : price(p.liquidationPriceStartUsd)}</td>
                <td>{l ? `hour ${l.hours.toFixed(2)} at ${price(l.markUsd)} (equity ${fmtUsd(l.equityBeforeUsd)} ≤ maintenance ${fmtUsd(l.maintenanceBeforeUsd)})` : <Na>no</Na>}</td>
                <td className="num">
                  {!l ? (
                    "—"
                  ) : l.costUsd === null ? (
                    <Na>no stored book</Na>
                  ) : (
                    <>
                      {fmtUsd(l.costUsd)}
                      {l.fill?.beyondVisibleDepth ? <span className="badge warn"> beyond visible depth: at least</span> : null}
                      <div className="small muted">
                        {l.fill?.levelsConsumed} levels of the book of {fmtUtc(l.bookTs)} {l.bookProvenance ? `(${l.bookProvenance})` : ""} × {l.depthFactor} depth
                      </div>
                    </>
                  )}
                </td>
                <td className="num">{!l ? "—" : l.feeRate === null ? <Na>none published</Na> : `${fmtUsd(l.feeUsd)} (${pct(l.feeRate)})`}</td>
                <td className="num">
                  {fmtUsd(p.fundingPaidUsd)}
                  <div className="small muted">
                    baseline: {p.fundingSource}
                    {fundingSpikes ? `; scenario: ${fundingSpikes}` : ""}
                  </div>
                </td>
                <td className="num">{fmtUsd(p.pnlUsd)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The path's closest approach to a liquidation price and its worst margin ratio, per mode. */
function PathSummary({ runs }: { runs: AccountRun[] }) {
  return (
    <dl className="kv small" data-testid="path-summary">
      {runs.map((r) => {
        const closest = r.path.reduce<{ d: number; h: number } | null>((m, p) => (p.distanceToLiquidationPct === null || (m && m.d <= p.distanceToLiquidationPct) ? m : { d: p.distanceToLiquidationPct, h: p.hours }), null);
        return (
          <div key={r.mode} style={{ display: "contents" }}>
            <dt>{r.mode}</dt>
            <dd>
              closest to a liquidation price: {closest ? `${closest.d.toFixed(1)} % at hour ${closest.h.toFixed(2)}` : "no liquidation price on the path"}; worst margin ratio{" "}
              {r.maxMarginRatio === null ? "—" : Number.isFinite(r.maxMarginRatio) ? `${(r.maxMarginRatio * 100).toFixed(1)} %` : "equity at or below 0"}; min equity {fmtUsd(r.minEquityUsd)}
              {r.shortfallUsd > 0 ? `; insurance-fund shortfall ${fmtUsd(r.shortfallUsd)}` : ""}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function StressResults({ run }: { run: StressRun }) {
  const r = run.result;
  const [mode, setMode] = useState<"cross" | "isolated">("cross");
  const simulated = r.venues.filter((v) => v.provenance.includes("simulated"));
  const spikes = r.scenario.funding.length
    ? r.scenario.funding.map((f) => `${(f.ratePerInterval * 100).toFixed(3)} % per interval from hour ${f.fromHours} to ${f.toHours}${f.asset ? ` on ${f.asset}` : ""}${f.venue ? ` at ${f.venue}` : ""}`).join("; ")
    : null;
  return (
    <div data-testid="stress-results">
      {simulated.length ? (
        <p className="banner simulated" role="note">
          Simulated data: {simulated.map((v) => v.venueName).join(", ")} {simulated.length === 1 ? "uses" : "use"} generated books, prices or margin rules — not a real venue&apos;s.
        </p>
      ) : null}
      <section className="panel" aria-labelledby="hurt-h">
        <h2 id="hurt-h">Which venue lost most — {r.scenario.name}</h2>
        <p className="muted small">
          Loss in each venue&apos;s chosen margin mode, worst first. Total: {lossText(r.totals.lossUsd)} on {fmtUsd(r.totals.startEquityUsd)} of equity; {r.totals.liquidatedCount} liquidation(s);
          {r.totals.fundingPaidUsd >= 0 ? `funding paid ${fmtUsd(r.totals.fundingPaidUsd)}` : `funding received ${fmtUsd(-r.totals.fundingPaidUsd)}`}; book-walk cost {fmtUsd(r.totals.liquidationCostUsd)}.
        </p>
        <ol className="hurt-list" data-testid="hurt-ranking">
          {r.ranking.map((x, i) => {
            const v = r.venues.find((y) => y.venueSlug === x.venueSlug)!;
            return (
              <li key={x.venueSlug} data-venue={x.venueSlug}>
                <span className="muted">{i + 1}</span>
                <span>
                  <strong>{v.venueName}</strong> <span className="mode-pill">{v.chosenMode}</span> {v.provenance.map((p) => <ProvenanceBadge key={p} provenance={p} />)}
                </span>
                <span className="loss">{lossText(x.lossUsd)}</span>
                <span className="reason small">{x.reason}</span>
              </li>
            );
          })}
        </ol>
        {run.evidence.warnings.length ? (
          <details>
            <summary className="small">{run.evidence.warnings.length} note(s) on the inputs</summary>
            <ul className="warn-list" data-testid="stress-warnings">
              {run.evidence.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="cvi-h">
        <h2 id="cvi-h">Cross beside isolated margin</h2>
        <CrossVsIsolated venues={r.venues} />
      </section>
      {r.venues.map((v) => (
        <section className="panel" key={v.venueSlug} aria-labelledby={`v-${v.venueSlug}`} data-testid={`venue-${v.venueSlug}`}>
          <div className="panel-head">
            <h2 id={`v-${v.venueSlug}`}>
              {v.venueName} <ProvenanceBadge provenance={v.venueProvenance} />
            </h2>
            <span className="seg" role="group" aria-label="Margin mode shown in the table">
              {(["cross", "isolated"] as const).map((m) => (
                <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
                  {m}
                </button>
              ))}
            </span>
          </div>
          <StressPathChart venueName={v.venueName} cross={v.cross} isolated={v.isolated} provenance={v.provenance.join(", ")} />
          <PathSummary runs={[v.cross, v.isolated]} />
          <PositionsTable run={mode === "cross" ? v.cross : v.isolated} fundingSpikes={spikes} />
          {(mode === "cross" ? v.cross : v.isolated).events.length ? (
            <p className="small muted">
              Events: {(mode === "cross" ? v.cross : v.isolated).events.map((e) => `hour ${e.hours.toFixed(2)}: ${e.text}`).join(" · ")}
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}

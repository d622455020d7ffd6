// The market's figures behind the checklist, grouped, each with its unit, window and provenance.
import type { ReactNode } from "react";
import type { MarketFigures } from "@/lib/views/market";
import { fmtBps, fmtDay, fmtInt, fmtPct, fmtUsd, fmtUtc } from "@/lib/format";
import { fmtNotional } from "@/lib/queries/view-params";
import { ProvenanceBadge } from "../provenance-badge";

const win = (w: { from: number; to: number } | null | undefined) => (w ? `${fmtDay(w.from)} → ${fmtDay(w.to)} (UTC)` : "no data");
const apr = (v: number | null | undefined) => (v === null || v === undefined ? "no data" : `${fmtPct(v, 2)} / yr`);
const ratio = (v: number | null | undefined) => (v === null || v === undefined ? "no data" : `${v.toFixed(2)} ×`);

function Group({ title, id, provenance, children }: { title: string; id: string; provenance: string[]; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id} style={{ marginBottom: 0 }} data-testid="figure-group">
      <div className="panel-head">
        <h3 id={id}>{title}</h3>
        <span>{provenance.length ? provenance.map((p) => <ProvenanceBadge key={p} provenance={p} />) : <span className="nodata small">no data</span>}</span>
      </div>
      <dl className="kv small">{children}</dl>
    </section>
  );
}

function Row({ k, v }: { k: string; v: ReactNode }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{v}</dd>
    </>
  );
}

export function KeyFigures({ f }: { f: MarketFigures }) {
  const s = f.slippage;
  const st = f.stress;
  const fu = f.funding;
  const l = f.liquidations;
  const bookProv = f.snapshots.inWindow > 0 ? f.provenance : [];
  // Depth-band books (Binance bookDepth) give estimated slippage and capacity: say so beside every such figure.
  const bands = f.depthSource?.kind === "bands" ? f.depthSource : null;
  const est = (v: string) => (bands && v !== "no data" ? `${v} (${bands.label})` : v);
  const flagged = bands ? Object.entries(bands.flagged).map(([k, n]) => `${n} ${k}`).join(", ") : "";
  return (
    <div className="grid-2" data-testid="key-figures">
      <Group title={`Order book at ${fmtNotional(f.notionalUsd)}`} id="fig-book" provenance={bookProv}>
        <Row k="Window" v={win(f.snapshots.inWindow > 0 ? f.window : null)} />
        <Row k="Snapshots" v={`${fmtInt(f.snapshots.inWindow)}${bands ? " depth-band books" : ""} in window, ${fmtInt(f.snapshots.sampled)} walked${flagged ? `; left out: ${flagged}` : ""}`} />
        {!bands && f.curveBoundBps !== undefined ? (
          <Row
            k="Slippage read from"
            v={
              <span data-testid="curve-bound" title="Each book's liquidity curve is stored at ingest: slippage at 10 notionals a decade from $10k to $50M. Between them it is interpolated with a proven bound, or the books are walked when the bound exceeds 0.1 bps or 1 %.">
                {f.curveBoundBps === 0 ? "stored liquidity curves (exact at this notional)" : `stored liquidity curves, interpolated: each figure at most ${fmtBps(f.curveBoundBps, 3)} above the exact walk`}
              </span>
            }
          />
        ) : null}
        {bands ? <Row k="Book source" v={<span data-testid="band-estimate" title={bands.method ?? undefined}>depth bands (cumulative depth per ±% band): depth exact, slippage and capacity {bands.label}</span>} /> : null}
        <Row k="Max levels / side" v={f.snapshots.maxLevels ?? "no data"} />
        <Row k="Truncated books" v={fmtPct(f.snapshots.truncatedShare)} />
        <Row k="Spread p50 / p95" v={`${fmtBps(f.spread.medianBps, 2)} / ${fmtBps(f.spread.p95Bps, 2)}`} />
        <Row k="Buy slippage p50 / p95 / p99" v={est(s ? `${fmtBps(s.buy.p50Bps, 2)} / ${fmtBps(s.buy.p95Bps, 2)} / ${fmtBps(s.buy.p99Bps, 2)}` : "no data")} />
        <Row k="Sell slippage p50 / p95 / p99" v={est(s ? `${fmtBps(s.sell.p50Bps, 2)} / ${fmtBps(s.sell.p95Bps, 2)} / ${fmtBps(s.sell.p99Bps, 2)}` : "no data")} />
        <Row k="Beyond visible depth (buy / sell)" v={s ? `${fmtPct(s.buy.beyondShare)} / ${fmtPct(s.sell.beyondShare)} of snapshots` : "no data"} />
        <Row k={`Capacity at ${s?.buy.capacityBudgetBps ?? 10} bps, median / p5`} v={est(s ? `buy ${fmtUsd(s.buy.capacityMedianUsd)} / ${fmtUsd(s.buy.capacityP5Usd)}; sell ${fmtUsd(s.sell.capacityMedianUsd)} / ${fmtUsd(s.sell.capacityP5Usd)}` : "no data")} />
      </Group>
      <Group title="Liquidity under stress" id="fig-stress" provenance={st ? bookProv : []}>
        <Row k="Stress windows" v={st ? `${st.windows.length} detected` : "no data"} />
        <Row k="Buy p95 inside / outside" v={est(st ? `${fmtBps(st.buy.insideP95Bps, 2)} / ${fmtBps(st.buy.outsideP95Bps, 2)} (${ratio(st.buy.p95Ratio)})` : "no data")} />
        <Row k="Sell p95 inside / outside" v={est(st ? `${fmtBps(st.sell.insideP95Bps, 2)} / ${fmtBps(st.sell.outsideP95Bps, 2)} (${ratio(st.sell.p95Ratio)})` : "no data")} />
        <Row k="Beyond depth in stress (buy / sell)" v={st ? `${fmtPct(st.buy.insideBeyondShare)} / ${fmtPct(st.sell.insideBeyondShare)}` : "no data"} />
        <Row k="Detection rule" v={<a href="/methodology#stress">stress rule in the methodology</a>} />
      </Group>
      <Group title="Funding" id="fig-funding" provenance={fu ? f.provenance : []}>
        <Row k="Window" v={win(fu?.window)} />
        <Row k="Records / expected" v={fu ? `${fmtInt(fu.count)} / ${fmtInt(fu.expectedRecords)} (coverage ${fmtPct(fu.coverage)})` : "no data"} />
        <Row k="Intervals" v={fu?.intervalsHours.length ? fu.intervalsHours.map((h) => `${h} h`).join(", ") : "no data"} />
        <Row k="Mean / stdev (annualized, simple)" v={fu ? `${apr(fu.meanAnnualizedSimple)} / ${apr(fu.stdevAnnualizedSimple)}` : "no data"} />
        <Row k="Share of positive rates" v={fmtPct(fu?.sharePositive)} />
        <Row k="Cap per interval / hits" v={fu?.capRate ? `${fmtPct(fu.capRate, 3)} / ${fu.capHits ?? 0} hits (${fu.capSource ?? "source unknown"})` : "cap not known"} />
        <Row k="Largest |rate|" v={fu?.largestAbs ? `${fmtPct(fu.largestAbs.rate, 4)} per ${fu.largestAbs.intervalHours} h at ${fmtUtc(fu.largestAbs.ts)}` : "no data"} />
      </Group>
      <Group title="Liquidations & insurance" id="fig-liq" provenance={l || f.insurance ? f.provenance : []}>
        <Row k="Window" v={win(l?.window)} />
        <Row k="Liquidations" v={l ? `${fmtInt(l.count)} events, ${fmtUsd(l.totalUsd)}` : "no data"} />
        <Row k="Largest 1 h cascade" v={l?.largestCascade ? `${fmtUsd(l.largestCascade.notionalUsd)} (${l.largestCascade.count} events, ${fmtUtc(l.largestCascade.from)})` : "no data"} />
        <Row k="Mean open interest" v={fmtUsd(l?.meanOiUsd)} />
        <Row k="Cascade / OI" v={l?.largestCascadeToOi === null || l?.largestCascadeToOi === undefined ? "no data" : fmtPct(l.largestCascadeToOi, 2)} />
        <Row k="Share in stress windows" v={fmtPct(l?.shareInStress)} />
        <Row k="Insurance fund" v={f.insurance ? `${fmtUsd(f.insurance.balanceUsd)} at ${fmtUtc(f.insurance.ts)} (${f.insurance.toOi === null ? "no OI" : `${fmtPct(f.insurance.toOi, 2)} of OI`})${f.insurance.leftOut?.length ? `; left out, no reading within 2 days: ${f.insurance.leftOut.map((p) => `${p.asset} (last ${fmtUtc(p.ts)})`).join(", ")}` : ""}` : "no data"} />
        <Row k="Insurance fund low in window" v={f.insurance?.inWindow ? `${fmtUsd(f.insurance.inWindow.minBalanceUsd)} at ${fmtUtc(f.insurance.inWindow.minTs)} (${f.insurance.inWindow.readings} readings; ${f.insurance.inWindow.minToOi === null ? "no OI" : `${fmtPct(f.insurance.inWindow.minToOi, 2)} of OI`})${f.insurance.inWindow.leftOutAtLow?.length ? `; without ${f.insurance.inWindow.leftOutAtLow.join(", ")} (no reading within 2 days)` : ""}` : "no published history in the window"} />
      </Group>
      <Group title="Fees & all-in cost" id="fig-fees" provenance={f.fees ? [f.fees.provenance] : []}>
        <Row k="Entry tier" v={f.fees ? `${f.fees.tier}: maker ${fmtBps(f.fees.makerRate * 1e4, 2)}, taker ${fmtBps(f.fees.takerRate * 1e4, 2)}` : "no data"} />
        <Row k="Entry cost (taker + slippage)" v={est(f.allIn ? `${fmtBps(f.allIn.tradingBps, 2)} = taker ${fmtBps(f.allIn.takerBps, 2)} + p50 buy slippage ${fmtBps(f.allIn.slippageBps, 2)}` : "no data")} />
        <Row k={`Funding carry (${f.allIn?.holdingHours ?? 24} h)`} v={fmtBps(f.allIn?.fundingCarryBps, 2)} />
        <Row k="All-in cost (scored)" v={f.allIn?.fundingCarryBps === null || f.allIn?.fundingCarryBps === undefined ? "no data (no funding carry)" : fmtBps(f.allIn?.totalBps, 2)} />
        <Row k="Fee changes in window" v={f.fees ? `${f.fees.changes.length} (${f.fees.changes.filter((c) => c.inStress).length} inside stress)` : "no data"} />
      </Group>
    </div>
  );
}

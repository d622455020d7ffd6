"use client";
// The ranked venues: rank and rank range, venue, total, confidence, one compact bar per checklist item
// ("no data" distinct from a low score), and a box to pick the venue for comparison.
import Link from "next/link";
import { Fragment } from "react";
import { CHECKLIST_ITEMS } from "@/lib/scoring/items";
import { MIN_RANKED_CONFIDENCE } from "@/lib/scoring";
import { itemsWithData, type RankedRow } from "@/lib/queries/rerank";
import { fmtPct } from "@/lib/format";
import { ScoreBar } from "../score-bar";
import { ProvenanceBadge } from "../provenance-badge";

export const ITEM_SHORT: Record<string, string> = { depth: "Depth", stress: "Stress", funding: "Fund.", liquidation: "Liq.", fees: "Fees", resiliency: "Resil.", transparency: "Transp." };

function RankCell({ r }: { r: RankedRow }) {
  if (r.rank === null) return <span className="muted small">unranked</span>;
  const range = r.minRank !== null && r.maxRank !== null && r.minRank !== r.maxRank ? `${r.minRank}–${r.maxRank}` : `${r.rank}`;
  return (
    <>
      <span className="rank">{r.rank}</span>
      <span className="range" title="Best–worst rank when any one weight moves by ±5 points" data-testid="rank-range">
        range {range}
      </span>
    </>
  );
}

export function RankingList({ ranked, asset, venueHref, selected, onToggle }: { ranked: RankedRow[]; asset: string; venueHref: (slug: string) => string; selected: string[]; onToggle: (slug: string) => void }) {
  return (
    <ol className="ranking" aria-label="Venues ranked by checklist score" data-testid="ranking">
      <li className="rank-row head" aria-hidden="true">
        <span>Rank</span>
        <span>Venue · market</span>
        <span>Score /100</span>
        <span>Confidence</span>
        <span className="items">
          {CHECKLIST_ITEMS.map((i) => (
            <span key={i.id} title={i.label}>
              {ITEM_SHORT[i.id]}
            </span>
          ))}
        </span>
        <span>Pick</span>
      </li>
      {ranked.map((r, idx) => {
        const v = r.row.venue;
        const n = itemsWithData(r.score);
        const firstLow = r.rank !== null && r.lowConfidence && !ranked.slice(0, idx).some((x) => x.lowConfidence);
        return (
          <Fragment key={v.slug}>
            {firstLow ? (
              <li className="rank-sep" data-testid="low-confidence-sep">
                Confidence below {Math.round(MIN_RANKED_CONFIDENCE * 100)} %: too little of the checklist has data to compare these totals with the venues above, so they rank after them.
              </li>
            ) : null}
            <li className={`rank-row${r.rank === null ? " unranked" : ""}`} data-testid="venue-row" data-venue={v.slug} data-rank={r.rank ?? ""} data-low-confidence={r.lowConfidence || undefined}>
              <div className="c-rank">
                <RankCell r={r} />
              </div>
              <div className="c-venue" style={{ minWidth: 0 }}>
                <Link href={venueHref(v.slug)}>
                  <strong>{v.name}</strong>
                </Link>{" "}
                <ProvenanceBadge provenance={v.provenance} /> <span className={`badge ${v.kind}`}>{v.kind.toUpperCase()}</span>
                <div className="muted small">
                  {r.row.market ? (
                    <>
                      {r.row.market.symbol}
                      {r.row.figures && r.row.figures.snapshots.inWindow > 0
                        ? r.row.figures.depthSource?.kind === "bands"
                          ? ` · ${r.row.figures.snapshots.inWindow} depth-band snapshots (slippage ${r.row.figures.depthSource.label})`
                          : ` · ${r.row.figures.snapshots.inWindow} book snapshots`
                        : " · no book snapshots"}
                    </>
                  ) : (
                    <>no {asset} market with data</>
                  )}
                </div>
              </div>
              <div className="c-total">
                <span className="total" data-testid="total">
                  {r.score.total === null ? <span className="nodata">no score</span> : r.score.total.toFixed(1)}
                </span>
              </div>
              <div className="c-conf" title="Confidence = (weight of items with data / all weight) × mean coverage of those items">
                <ScoreBar score={r.score.total === null ? null : r.score.confidence * 100} label="Confidence" />
                <span className="muted small">
                  {fmtPct(r.score.confidence, 0)} · {n}/{CHECKLIST_ITEMS.length} items
                </span>
                {r.lowConfidence && r.rank !== null ? <span className="badge warn" style={{ marginLeft: 4 }}>low confidence</span> : null}
              </div>
              <div className="c-items items">
                {r.score.items.map((i) => (
                  <div key={i.id} data-item={i.id}>
                    <span className="item-label">{ITEM_SHORT[i.id]}</span>
                    <ScoreBar score={i.score} label={i.label} title={`${i.label}: ${i.score === null ? "no data" : `${i.score.toFixed(1)} / 100`} · weight ${i.weight} · coverage ${fmtPct(i.coverage, 0)}`} />
                  </div>
                ))}
              </div>
              <div className="c-cmp">
                <label className="check small">
                  <input type="checkbox" checked={selected.includes(v.slug)} onChange={() => onToggle(v.slug)} aria-label={`Select ${v.name} for comparison`} />
                  <span className="muted">select</span>
                </label>
              </div>
            </li>
          </Fragment>
        );
      })}
    </ol>
  );
}

"use client";
// The checklist item by item: score, weight and coverage; each sub-metric's figure (with unit), sub-score
// and reason when missing; the evidence (figure, unit, source); and a link to where the evidence is charted.
import type { VenueScore } from "@/lib/scoring";
import { CHECKLIST_ITEMS } from "@/lib/scoring/items";
import { fmtPct } from "@/lib/format";
import { ScoreBar } from "../score-bar";
import { EVIDENCE_ANCHOR, fmtFigure, missingReason } from "./figure-format";

export function Checklist({ score }: { score: VenueScore }) {
  return (
    <div data-testid="checklist">
      {score.items.map((item) => {
        const def = CHECKLIST_ITEMS.find((i) => i.id === item.id);
        const anchor = EVIDENCE_ANCHOR[item.id];
        return (
          <details key={item.id} className="checklist-item" id={`item-${item.id}`} data-item={item.id} open={item.status === "scored"}>
            <summary>
              <span>
                <strong>{item.label}</strong> <span className="muted small">weight {item.weight}</span>
              </span>
              <ScoreBar score={item.score} label={item.label} />
              <span className="muted small coverage">coverage {fmtPct(item.coverage, 0)}</span>
              {item.measuredScore !== null && item.score !== null && Math.abs(item.measuredScore - item.score) > 0.05 ? (
                // On its own line under the score: a long note must wrap, not widen a narrow page.
                <span className="muted small item-note" data-testid="item-note">
                  measured {item.measuredScore.toFixed(1)} (missing sub-metrics count 0{item.adequacy < 1 ? `, sample adequacy ${fmtPct(item.adequacy, 0)}` : ""})
                </span>
              ) : null}
            </summary>
            <p className="muted small" style={{ margin: "6px 0" }}>
              {def?.description}
            </p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>Sub-metric</th>
                    <th className="num">Figure</th>
                    <th className="num">Sub-score</th>
                    <th className="num" title="Points of the venue total this sub-score adds: weight / Σ weight × adequacy × sub-score / sub-metrics of the item">Adds to total</th>
                    <th className="hide-narrow">Definition</th>
                  </tr>
                </thead>
                <tbody>
                  {item.subScores.map((s) => {
                    const smDef = def?.subMetrics.find((m) => m.id === s.id);
                    return (
                      <tr key={s.id} data-sub={s.id}>
                        <td title={smDef?.definition}>{s.label}</td>
                        <td className="num">
                          {s.value === null ? (
                            <span className="nodata">{missingReason(s.missing)}</span>
                          ) : (
                            <a href={anchor.href} title={`Evidence: ${anchor.label}`}>
                              {fmtFigure(s.value, s.unit)}
                            </a>
                          )}
                        </td>
                        <td className="num">{s.score === null ? <span className="nodata">—</span> : s.score.toFixed(0)}</td>
                        <td className="num" data-testid="contribution">{s.score === null ? <span className="nodata">0 (no data)</span> : `+${s.contribution.toFixed(2)}`}</td>
                        <td className="muted small hide-narrow">{smDef?.definition}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {item.evidence.length > 0 ? (
              <>
                <h3>Evidence</h3>
                <ul className="small" style={{ margin: 0, paddingLeft: 18 }}>
                  {item.evidence.map((e, i) => (
                    <li key={i}>
                      {e.label}: <strong>{fmtFigure(e.value, e.unit)}</strong> <span className="muted">({e.unit})</span> — <span className="muted">source: {e.source.startsWith("http") ? <a href={e.source} rel="noreferrer noopener" target="_blank">{e.source}</a> : e.source}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="muted small">No evidence: this item has no figure or fact for this market and window, so it drops out of the total.</p>
            )}
            <p className="small" style={{ marginBottom: 0 }}>
              <a href={anchor.href}>See the {anchor.label} ↓</a>
            </p>
          </details>
        );
      })}
    </div>
  );
}

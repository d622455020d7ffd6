"use client";
// The compare table: one column per venue, one row per score or figure, the best value in each row marked.
import Link from "next/link";
import type { RankedRow } from "@/lib/queries/rerank";
import { ProvenanceBadge } from "../provenance-badge";
import { bestOf, COMPARE_ROWS, figurePeriod, fmtPeriod } from "./compare-rows";

export function CompareTable({ rows, venueHref }: { rows: RankedRow[]; venueHref: (slug: string, symbol?: string | null) => string }) {
  let lastGroup = "";
  return (
    <div className="table-wrap" data-testid="compare-table">
      <table>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {rows.map((r) => (
              <th scope="col" key={r.row.venue.slug} className="num" data-venue={r.row.venue.slug} style={{ textTransform: "none" }}>
                <Link href={venueHref(r.row.venue.slug, r.row.market?.symbol)}>{r.row.venue.name}</Link>
                <div>
                  <ProvenanceBadge provenance={r.row.venue.provenance} /> <span className="muted">{r.rank === null ? "unranked" : `${r.group === "simulated" ? "demo rank" : "rank"} ${r.rank}`}</span>
                </div>
                <div className="muted small">{r.row.market?.symbol ?? "no market"}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {COMPARE_ROWS.map((def) => {
            const values = rows.map((r) => def.value(r));
            // The best value is marked within each group (real, simulated), never across them.
            const best = bestOf(values, def.better, rows.map((r) => r.group));
            const groupHead = def.group !== lastGroup;
            lastGroup = def.group;
            return [
              groupHead ? (
                <tr key={`g-${def.group}`}>
                  <th colSpan={rows.length + 1} scope="colgroup" style={{ paddingTop: 12 }}>
                    {def.group}
                  </th>
                </tr>
              ) : null,
              <tr key={def.id} data-row={def.id}>
                <th scope="row" style={{ textTransform: "none", fontWeight: 400, color: "var(--text)", fontSize: 13, letterSpacing: 0 }}>
                  {def.label}
                  {def.better === "abs-lower" ? <span className="muted small"> (best: nearest 0)</span> : null}
                </th>
                {values.map((v, i) => {
                  // The data date beside the figure: the period its stored records cover (not when they were imported).
                  const period = v === null ? null : figurePeriod(rows[i], def.source);
                  return (
                    <td key={i} className={`num${best.has(i) ? " best" : ""}`} data-best={best.has(i) ? "true" : undefined}>
                      {v === null ? <span className="nodata">{def.id === "total" ? "insufficient data" : "no data"}</span> : <span data-testid="cell-value">{def.format(v)}</span>}
                      {best.has(i) ? (
                        <span aria-label="best in row" title="Best in this row">
                          {" "}
                          ★
                        </span>
                      ) : null}
                      {period ? (
                        <div className="muted data-date" data-testid="data-date" title="Data date: the period of the records this figure rests on (UTC)">
                          {fmtPeriod(period)}
                        </div>
                      ) : null}
                    </td>
                  );
                })}
              </tr>,
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}

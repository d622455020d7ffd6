// The coverage grid: venue × data kind × UTC day as a compact heat strip (darker = more records that day;
// hatched = not published by the venue). The days end at the latest stored day, which is stated.
import type { CSSProperties } from "react";
import type { DataStatus } from "@/lib/views/data-status";
import { fmtInt } from "@/lib/format";

const KIND_LABEL: Record<string, string> = { depth: "books", funding: "funding", liquidations: "liquidations", oi: "open interest" };

function level(n: number, max: number): string {
  if (n === 0) return "";
  const r = n / max;
  return r > 0.66 ? " l3" : r > 0.33 ? " l2" : " l1";
}

export function CoverageGrid({ grid }: { grid: DataStatus["grid"] }) {
  if (grid.days.length === 0) return <p className="empty">No dated records stored yet.</p>;
  const style = { "--days": grid.days.length } as CSSProperties;
  // Venues without a single record in these days are listed by name instead of as empty strips.
  const active = new Set(grid.rows.filter((r) => r.counts.some((n) => n > 0)).map((r) => r.slug));
  const rows = grid.rows.filter((r) => active.has(r.slug));
  const idle = [...new Map(grid.rows.filter((r) => !active.has(r.slug)).map((r) => [r.slug, r.name])).values()];
  return (
    <>
      <p className="muted small" style={{ marginTop: 0 }}>
        {grid.days.length} UTC days, {grid.days[0]} → {grid.days[grid.days.length - 1]} (ending at the latest order-book or funding record). Each cell is one day; darker = more records, relative to that row&apos;s busiest day; hatched = not published by the venue.
      </p>
      <div className="table-wrap">
        <div className="heat" role="table" aria-label="Records per venue, data kind and day" data-testid="coverage-grid" style={style}>
          <div className="heat-row" role="row" style={style}>
            <span className="lbl muted small" role="columnheader">
              venue · kind
            </span>
            {grid.days.map((d, i) => (
              <span key={d} role="columnheader" className="muted" style={{ fontSize: 9, overflow: "visible", whiteSpace: "nowrap" }} title={d}>
                {i % 10 === 0 ? d.slice(5) : ""}
              </span>
            ))}
          </div>
          {rows.map((r, i) => {
            const max = Math.max(1, ...r.counts);
            const total = r.counts.reduce((a, b) => a + b, 0);
            const sep = i > 0 && rows[i - 1].slug !== r.slug;
            return (
              <div key={`${r.slug}-${r.kind}`} className={`heat-row${sep ? " sep" : ""}`} role="row" style={style} data-venue={r.slug} data-kind={r.kind}>
                <span className="lbl" role="rowheader" title={`${r.name} · ${KIND_LABEL[r.kind]}: ${fmtInt(total)} records in these days`}>
                  {r.name} · <span className="muted">{KIND_LABEL[r.kind]}</span>
                </span>
                {r.counts.map((n, j) => (
                  <span key={j} role="cell" className={`heat-cell${n === 0 && r.published === false ? " np" : level(n, max)}`} title={`${r.name} ${KIND_LABEL[r.kind]} ${grid.days[j]}: ${n === 0 && r.published === false ? "not published by venue" : `${fmtInt(n)} records`}`} data-count={n} />
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {idle.length ? (
        <p className="muted small" data-testid="grid-idle">
          No records in these days: {idle.join(", ")}.
        </p>
      ) : null}
    </>
  );
}

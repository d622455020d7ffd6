// Freshness per venue and data kind: the latest stored record and the latest ingest run (with its status),
// "not published by venue" apart from "no data".
import type { DataStatus, KindFreshness } from "@/lib/services/data-status";
import { FRESHNESS_KINDS } from "@/lib/services/data-status";
import { fmtDay, fmtUtc } from "@/lib/format";
import { ProvenanceBadge } from "../provenance-badge";
import { DAY_MS } from "@/lib/metrics/time";

const LABEL: Record<string, string> = { depth: "Books", funding: "Funding", liquidations: "Liquidations", oi: "Open interest", fees: "Fees", insurance: "Insurance", facts: "Facts (as of)" };

function Cell({ k, now }: { k: KindFreshness; now: number }) {
  const run = k.lastRun ? (
    <div className="muted small" title={k.lastRun.error ?? undefined}>
      run {k.lastRun.status}
      {k.lastRun.status === "failed" || k.lastRun.status === "partial" ? " ⚠" : ""} {fmtDay(k.lastRun.startedAt)}
    </div>
  ) : null;
  if (!k.latest) return <>{k.published === false ? <span className="nodata">not published by venue</span> : <span className="nodata">no data</span>}{run}</>;
  const ageDays = Math.floor((now - Date.parse(k.latest)) / DAY_MS);
  return (
    <>
      <span title={fmtUtc(k.latest)}>{fmtDay(k.latest)}</span> <span className="muted small">({ageDays} d ago)</span>
      {run}
    </>
  );
}

export function FreshnessTable({ freshness, generatedAt }: { freshness: DataStatus["freshness"]; generatedAt: string }) {
  const now = Date.parse(generatedAt);
  return (
    <div className="table-wrap">
      <table data-testid="freshness">
        <thead>
          <tr>
            <th>Venue</th>
            {FRESHNESS_KINDS.map((k) => (
              <th key={k}>{LABEL[k]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {freshness.map((v) => (
            <tr key={v.slug} data-venue={v.slug}>
              <td>
                <strong>{v.name}</strong> <ProvenanceBadge provenance={v.provenance} />
              </td>
              {v.kinds.map((k) => (
                <td key={k.kind} className="small" data-kind={k.kind}>
                  <Cell k={k} now={now} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

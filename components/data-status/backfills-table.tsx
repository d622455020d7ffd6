// Backfills (`venuescope backfill`): each venue × kind × market × source, how far its window is covered,
// its counts, and what it said when it ended; running ones first.
import type { BackfillRow } from "@/lib/views/data-status";
import { fmtDay, fmtUtc } from "@/lib/format";

const STATUS_NOTE: Record<string, string> = {
  running: "running",
  interrupted: "interrupted (no progress for 10 min; rerun the same command to continue)",
  stopped: "stopped (rerun to continue)",
  ok: "done",
  partial: "done with failed steps",
  failed: "failed",
};

export function BackfillsTable({ backfills }: { backfills: BackfillRow[] }) {
  if (backfills.length === 0) return <p className="muted small">No backfill has run. <code>npm run -s venuescope -- backfill --venue binance-usdm --from 2025-10-01</code></p>;
  return (
    <div className="table-wrap">
      <table data-testid="backfills">
        <thead>
          <tr>
            <th>Venue</th>
            <th>Market</th>
            <th>Kind</th>
            <th>Source</th>
            <th>Window</th>
            <th>Covered to</th>
            <th>Progress</th>
            <th>Rows</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {backfills.map((b) => (
            <tr key={`${b.venueSlug}-${b.kind}-${b.symbol}-${b.source}`} data-status={b.status}>
              <td>{b.venueSlug}</td>
              <td>{b.symbol}</td>
              <td>{b.kind}</td>
              <td>{b.source}</td>
              <td>
                {fmtDay(b.from)} → {fmtDay(b.to)}
              </td>
              <td>{b.coveredTo ? <span title={fmtUtc(b.coveredTo)}>{fmtDay(b.coveredTo)}</span> : <span className="nodata">nothing yet</span>}</td>
              <td>
                {b.steps}
                {b.stepsTotal !== null ? ` / ${b.stepsTotal}` : ""} {b.source === "archive" ? "days" : "windows"}
                {b.notPublishedCount ? <div className="muted small">{b.notPublishedCount} days not published</div> : null}
                {b.failedSteps ? <div className="error-text small">{b.failedSteps} failed</div> : null}
              </td>
              <td>
                {b.rowsWritten.toLocaleString("en-US")} written
                {b.rowsSkipped ? <div className="muted small">{b.rowsSkipped.toLocaleString("en-US")} already stored</div> : null}
              </td>
              <td title={b.message ?? undefined}>
                {STATUS_NOTE[b.status] ?? b.status}
                <div className="muted small">{b.finishedAt ? `ended ${fmtUtc(b.finishedAt)}` : `updated ${fmtUtc(b.updatedAt)}`}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

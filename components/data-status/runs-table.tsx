// Ingest runs, latest first, with status, row counts, duration, source and any error or rejected records.
import Link from "next/link";
import type { DataStatus } from "@/lib/views/data-status";
import { fmtInt, fmtUtc } from "@/lib/format";
import { ProvenanceBadge } from "../provenance-badge";

const STATUS_CLASS: Record<string, string> = { ok: "good", partial: "warn", failed: "bad", running: "" };

export function RunsTable({ runs, hrefFor }: { runs: DataStatus["runs"]; hrefFor: (page: number, filter: "all" | "errors") => string }) {
  return (
    <>
      <div className="inline small" style={{ marginBottom: 8 }}>
        <span className="muted">Show:</span>
        <Link href={hrefFor(1, "all")} aria-current={runs.filter === "all" ? "true" : undefined} style={{ fontWeight: runs.filter === "all" ? 700 : 400 }}>
          all runs
        </Link>
        <Link href={hrefFor(1, "errors")} aria-current={runs.filter === "errors" ? "true" : undefined} style={{ fontWeight: runs.filter === "errors" ? 700 : 400 }} data-testid="runs-errors">
          only runs with errors
        </Link>
      </div>
      {runs.items.length === 0 ? (
        <p className="empty">{runs.filter === "errors" ? "No run failed, was partial or rejected records." : "No ingest runs recorded yet: run npm run -s venuescope -- bootstrap or ingest."}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="ingest-runs">
            <thead>
              <tr>
                <th className="num">Run</th>
                <th>Started (UTC)</th>
                <th>Venue · kind</th>
                <th>Mode</th>
                <th>Status</th>
                <th className="num">Written / skipped / rejected</th>
                <th className="num">Duration</th>
                <th>Source · error</th>
              </tr>
            </thead>
            <tbody>
              {runs.items.map((r) => (
                <tr key={r.id} data-testid="ingest-run" data-status={r.status}>
                  <td className="num">{r.id}</td>
                  <td className="small">{fmtUtc(r.startedAt)}</td>
                  <td>
                    {r.venueSlug} · <strong>{r.kind}</strong>
                  </td>
                  <td className="small">
                    {r.mode} <ProvenanceBadge provenance={r.provenance} />
                  </td>
                  <td>
                    <span className={`badge ${STATUS_CLASS[r.status] ?? ""}`}>{r.status}</span>
                  </td>
                  <td className="num">
                    {fmtInt(r.rowsWritten)} / {fmtInt(r.rowsSkipped)} / <span className={r.rowsRejected ? "error-text" : undefined}>{fmtInt(r.rowsRejected)}</span>
                  </td>
                  <td className="num small">{r.durationMs === null ? "—" : `${fmtInt(r.durationMs)} ms`}</td>
                  <td className="small" style={{ maxWidth: 360, overflowWrap: "anywhere" }}>
                    <span className="muted">{r.source ?? "—"}</span>
                    {r.error ? <div className="error-text">{r.error}</div> : null}
                    {r.rejections.length ? (
                      <details>
                        <summary>{r.rowsRejected} rejected records</summary>
                        <ul style={{ margin: 0, paddingLeft: 16 }}>
                          {r.rejections.map((x, i) => (
                            <li key={i}>
                              <code>{x.field}</code>: {x.message}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager small" aria-label="Ingest run pages">
        {runs.page > 1 ? <Link href={hrefFor(runs.page - 1, runs.filter)}>← newer</Link> : <span className="muted">← newer</span>}
        <span>
          page {runs.page} of {runs.pages} · {fmtInt(runs.total)} runs
        </span>
        {runs.page < runs.pages ? (
          <Link href={hrefFor(runs.page + 1, runs.filter)} data-testid="runs-older">
            older →
          </Link>
        ) : (
          <span className="muted">older →</span>
        )}
      </nav>
    </>
  );
}

// A venue's incident ledger (data/incidents/<venue>.json): date, kind, mechanism, duration, losses,
// compensation, severity and source per incident, newest first, with the period the ledger was reviewed for
// and how the resiliency item reads it. A source off the venue's official domains carries a "third-party" mark.
import Link from "next/link";
import { fmtDay, fmtUsd } from "@/lib/format";
import type { IncidentSourceView, VenueIncidentsView } from "@/lib/views/incidents";

function duration(min: number | null): string {
  if (min === null) return "not stated";
  if (min < 60) return `${+min.toFixed(1)} min`;
  return `${+(min / 60).toFixed(1)} h`;
}

function Source({ s, label }: { s: IncidentSourceView; label: string }) {
  return (
    <>
      <a href={s.url} target="_blank" rel="noreferrer noopener" title={s.url} data-testid="incident-source">
        {label}
      </a>{" "}
      <span className="muted">({s.host})</span>
      {s.thirdPartyReason ? (
        <>
          {" "}
          <span className="badge third-party" data-testid="third-party" title={s.thirdPartyReason}>
            third-party
          </span>{" "}
          <span className="muted">{s.thirdPartyReason}</span>
        </>
      ) : null}
    </>
  );
}

export function IncidentLedger({ data }: { data: VenueIncidentsView }) {
  const { ledger, incidents } = data;
  return (
    <section className="panel" id="incidents" aria-labelledby="incidents-h" data-testid="venue-incidents">
      <div className="panel-head">
        <h2 id="incidents-h">Incident ledger</h2>
        <Link href="/methodology#scoring-incidents" className="small">
          how resiliency reads it →
        </Link>
      </div>
      {ledger === null ? (
        <p className="small nodata" data-testid="no-ledger">
          No incident ledger for this venue (data/incidents/{data.venue.slug}.json): the resiliency item reads the curated count fact resiliency.incidents_12m, and counts 0 when that is unknown.
        </p>
      ) : (
        <p className="small" data-testid="ledger-reviewed">
          {ledger.reviewedFrom && ledger.reviewedTo ? (
            <>
              Reviewed {ledger.reviewedFrom} → {ledger.reviewedTo}: the resiliency item counts the severity-weighted incidents of the 12 months before the scored window&apos;s end when they lie in this period.
            </>
          ) : (
            <span className="nodata">No reviewed period: these incidents are history only and the resiliency incident figure counts 0 (missing).</span>
          )}{" "}
          <span className="muted">{ledger.note}</span>
        </p>
      )}
      {incidents.length === 0 ? (
        ledger ? <p className="small nodata" data-testid="no-incidents">No incident recorded.</p> : null
      ) : (
        <div className="table-wrap">
          <table className="small" data-testid="incidents-table">
            <thead>
              <tr>
                <th scope="col">Date (UTC)</th>
                <th scope="col">Kind</th>
                <th scope="col">What happened</th>
                <th scope="col">Duration</th>
                <th scope="col">Losses</th>
                <th scope="col">Compensation</th>
                <th scope="col">Severity</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((i) => (
                <tr key={i.id} data-testid="incident" data-id={i.id}>
                  <td>
                    {fmtDay(i.startedAt)}
                    {i.endedAt && fmtDay(i.endedAt) !== fmtDay(i.startedAt) ? ` → ${fmtDay(i.endedAt)}` : ""}
                  </td>
                  <td>{i.kind}</td>
                  <td>
                    <strong>{i.title}</strong>
                    <div className="small">{i.mechanism}</div>
                    <blockquote className="small">&ldquo;{i.quote}&rdquo;</blockquote>
                  </td>
                  <td>{i.durationMinutes === null ? <span className="nodata">not stated</span> : duration(i.durationMinutes)}</td>
                  <td>{i.lossesUsd === null ? <span className="nodata">not stated</span> : fmtUsd(i.lossesUsd)}</td>
                  <td>
                    {i.compensation ?? <span className="nodata">none announced</span>}
                    {i.compensationUsd !== null ? <div className="small muted">{fmtUsd(i.compensationUsd)}</div> : null}
                  </td>
                  <td title={`adds ${i.severityWeight} to the incident figure`}>
                    {i.severity} <span className="muted small">({i.severityWeight})</span>
                  </td>
                  <td className="small">
                    <Source s={i.source} label="source" />
                    {i.extraSources.map((x, k) => (
                      <div key={k}>
                        <Source s={x} label={x.supports ?? "further source"} />
                      </div>
                    ))}
                    <div className="muted">as of {i.asOf}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.total > incidents.length ? <p className="small muted">Showing the newest {incidents.length} of {data.total} incidents.</p> : null}
    </section>
  );
}

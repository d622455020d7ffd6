// "Changes" on the data page: change events (fee schedules, margin tiers, funding intervals and caps, incidents,
// rank moves), newest detected first. Real venues' events are listed; simulated venues' apart, folded, never
// mixed in. Rendered on the server from lib/services/change-events.ts; /api/events pages further back.
import type { ChangeEventView } from "@/lib/views/change-events";
import { CHANGE_KIND_LABELS } from "@/lib/views/change-events";
import { fmtUtc } from "@/lib/format";
import { ProvenanceBadge } from "@/components/provenance-badge";

function alertNote(e: ChangeEventView): string | null {
  if (e.provenance === "simulated") return null;
  if (e.alert.alertedAt) return `alerted ${fmtUtc(e.alert.alertedAt)}`;
  if (e.alert.error) return `alert failed (${e.alert.attempts} attempts): ${e.alert.error}`;
  return null;
}

function EventsTable({ events, testId }: { events: ChangeEventView[]; testId: string }) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th>Venue</th>
            <th>Change</th>
            <th>Data time</th>
            <th className="hide-narrow">Detected</th>
            <th>Provenance</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const note = alertNote(e);
            return (
              <tr key={e.id} data-kind={e.kind} data-provenance={e.provenance}>
                <td>
                  <a href={`/venues/${e.venue.slug}`}>{e.venue.name}</a>
                  {e.subject ? <div className="muted small">{e.subject}</div> : null}
                </td>
                <td>
                  <div className="muted small">{CHANGE_KIND_LABELS[e.kind] ?? e.kind}</div>
                  {e.summary}
                  {note ? <div className={e.alert.error && !e.alert.alertedAt ? "error-text small" : "muted small"}>{note}</div> : null}
                </td>
                <td>{fmtUtc(e.occurredAt)}</td>
                <td className="hide-narrow">{fmtUtc(e.detectedAt)}</td>
                <td>
                  <ProvenanceBadge provenance={e.provenance} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ChangeEventsSection({ real, simulated }: { real: ChangeEventView[]; simulated: ChangeEventView[] }) {
  return (
    <section data-testid="changes">
      <h2>Changes</h2>
      <p className="muted small">
        Fee schedule, margin tier, funding interval and cap changes, new ledger incidents, and venues moving 2+ ranks on the default scorecard, newest first. A venue&apos;s first
        load records none. <a href="/api/events">/api/events</a> lists more (<code>?venue=</code>, <code>?kind=</code>, <code>?before=</code>); with <code>ALERT_WEBHOOK_URL</code> set
        each is POSTed once.
      </p>
      {real.length ? <EventsTable events={real} testId="change-events" /> : <p className="muted small">No changes recorded for real venues yet.</p>}
      {simulated.length ? (
        <details>
          <summary className="muted small">Simulated venues: {simulated.length} change{simulated.length === 1 ? "" : "s"} (fictional data, kept apart)</summary>
          <EventsTable events={simulated} testId="change-events-simulated" />
        </details>
      ) : null}
    </section>
  );
}

// The collector on the data page: each configured venue × kind against its cadence, by data time, with the
// last day's gaps and failed runs. Rendered on the server from lib/services/collector-health.ts.
import type { CollectorHealth } from "@/lib/views/collector";
import { fmtUtc } from "@/lib/format";
import { HOUR_MS } from "@/lib/metrics/time";

function fmtSpan(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 90_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 5_400_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / HOUR_MS).toFixed(1)} h`;
}

export function CollectorHealthTable({ health }: { health: CollectorHealth }) {
  if (!health.config) {
    return (
      <section data-testid="collector">
        <h2>Collector</h2>
        <p className="muted">
          No collector configured. Run <code>npm run -s venuescope -- collect --config collect.json</code>, or set <code>VENUESCOPE_COLLECT=collect.json</code> to run it beside the app.
        </p>
      </section>
    );
  }
  return (
    <section data-testid="collector">
      <h2>Collector</h2>
      <p className="muted small">
        Config {health.config}. Freshness by the data&apos;s own time against each cadence: fresh within 2 periods, late within 6, stale beyond. Gaps and runs over the last 24 h.
      </p>
      {health.error ? (
        <p className="error-text" role="alert">
          The config does not load: {health.error}
        </p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Venue</th>
                <th>Kind</th>
                <th>Cadence</th>
                <th>Newest data</th>
                <th>State</th>
                <th className="num">Gaps (24 h)</th>
                <th className="num">Longest gap</th>
                <th className="num">Runs (24 h)</th>
                <th className="num">Failed</th>
              </tr>
            </thead>
            <tbody>
              {health.tasks.map((t) => (
                <tr key={t.id} data-state={t.state}>
                  <td>{t.venue}</td>
                  <td>{t.kind}</td>
                  <td>{t.cadence}</td>
                  <td>{t.lastData ? fmtUtc(t.lastData) : <span className="nodata">no data</span>}</td>
                  <td>{t.state === "fresh" ? "fresh" : <strong>{t.state}</strong>}</td>
                  <td className="num">{t.gaps24h}</td>
                  <td className="num">{fmtSpan(t.longestGapMs)}</td>
                  <td className="num">{t.runs24h}</td>
                  <td className="num" title={t.lastError ?? undefined}>
                    {t.failed24h}
                    {t.runs24h ? ` (${Math.round((100 * t.failed24h) / t.runs24h)} %)` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

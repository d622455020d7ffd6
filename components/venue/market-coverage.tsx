// Data coverage and provenance per kind for the selected market (and the venue-level kinds), saying
// "not published by venue" apart from "no data", with the command that would fill a gap.
import type { VenueCoverage } from "@/lib/views/coverage";
import type { Capabilities } from "@/lib/venues/types";
import { fmtInt, fmtRange } from "@/lib/format";
import { ProvenanceBadge } from "../provenance-badge";

type Cov = { count: number; from: string | null; to: string | null; provenance: string[] };

export function MarketCoverage({ coverage, symbol, base }: { coverage: VenueCoverage | null; symbol: string | null; base: string | null }) {
  if (!coverage) return <p className="nodata">No coverage information.</p>;
  const m = coverage.markets.find((x) => x.symbol === symbol);
  const none: Cov = { count: 0, from: null, to: null, provenance: [] };
  const rows: { kind: keyof Capabilities; label: string; unit: string; cov: Cov; scope: string }[] = [
    { kind: "depth", label: "Order-book snapshots", unit: "snapshots", cov: m?.depth ?? none, scope: symbol ?? "—" },
    { kind: "funding", label: "Funding records", unit: "records", cov: m?.funding ?? none, scope: symbol ?? "—" },
    { kind: "liquidations", label: "Liquidations", unit: "events", cov: m?.liquidations ?? none, scope: symbol ?? "—" },
    { kind: "oi", label: "Open interest", unit: "readings", cov: m?.oi ?? none, scope: symbol ?? "—" },
    { kind: "fees", label: "Fee schedule versions", unit: "versions", cov: coverage.fees, scope: "venue" },
    { kind: "insurance", label: "Insurance fund readings", unit: "readings", cov: coverage.insurance, scope: "venue" },
  ];
  return (
    <div className="table-wrap" data-testid="market-coverage">
      <table>
        <thead>
          <tr>
            <th>Data kind</th>
            <th>Scope</th>
            <th>Stored</th>
            <th>Period (UTC)</th>
            <th>Provenance</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const published = coverage.has?.[r.kind];
            return (
              <tr key={r.kind} data-kind={r.kind}>
                <td>{r.label}</td>
                <td className="small">{r.scope}</td>
                <td>
                  {r.cov.count > 0 ? (
                    `${fmtInt(r.cov.count)} ${r.unit}`
                  ) : published === false ? (
                    <span className="nodata" title={coverage.notes[r.kind]}>
                      not published by venue
                    </span>
                  ) : (
                    <span className="nodata">
                      no data — <code className="small">npm run -s venuescope -- ingest --venue {coverage.slug} --kinds {r.kind}{base && r.scope !== "venue" ? ` --markets ${base}` : ""}</code>
                    </span>
                  )}
                  {published === false && coverage.notes[r.kind] ? <div className="muted small">{coverage.notes[r.kind]}</div> : null}
                </td>
                <td className="small">{r.cov.count > 0 ? fmtRange(r.cov.from, r.cov.to) : "—"}</td>
                <td>{r.cov.provenance.map((p) => <ProvenanceBadge key={p} provenance={p} />)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

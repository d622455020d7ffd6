// Which venues have which margin rules on file (tier tables, policy, collateral), with provenance and date:
// a venue without rules cannot be stress-tested, and this says why.
import { ProvenanceBadge } from "@/components/provenance-badge";
import type { MarginCoverageRow } from "@/lib/views/stress";

export function MarginRulesTable({ rows }: { rows: MarginCoverageRow[] }) {
  const withRules = rows.filter((r) => r.tables > 0).length;
  return (
    <details className="panel" data-testid="margin-rules-coverage">
      <summary>
        <strong>Margin rules on file</strong> <span className="muted small">— {withRules} of {rows.length} venues have tier tables</span>
      </summary>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Venue</th>
              <th scope="col">Tier tables</th>
              <th scope="col">Modes</th>
              <th scope="col" className="num">Liquidation fee</th>
              <th scope="col">Collateral</th>
              <th scope="col">Provenance</th>
              <th scope="col">As of</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.venueSlug}>
                <td>{r.name}</td>
                <td className="small">{r.tables ? `${r.tables} market(s), up to ${r.maxTiers} tiers: ${r.symbols.slice(0, 6).join(", ")}${r.symbols.length > 6 ? "…" : ""}` : <span className="nodata">none</span>}</td>
                <td className="small">{r.policy ? [r.policy.crossMargin ? "cross" : null, r.policy.isolatedMargin ? "isolated" : null].filter(Boolean).join(", ") + ` (${r.policy.liquidationStyle} liquidation)` : <span className="nodata">unknown</span>}</td>
                <td className="num">{r.policy?.liquidationFeeRate == null ? <span className="nodata">not published</span> : `${(r.policy.liquidationFeeRate * 100).toFixed(2)} %`}</td>
                <td className="small">{r.collateralAssets.length ? r.collateralAssets.join(", ") : <span className="nodata">none on file</span>}</td>
                <td>{r.provenances.length ? r.provenances.map((p) => <ProvenanceBadge key={p} provenance={p} />) : <ProvenanceBadge provenance={r.venueProvenance} />}</td>
                <td className="small">{r.latestAsOf?.slice(0, 10) ?? "—"}</td>
                <td className="small muted">{r.note ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

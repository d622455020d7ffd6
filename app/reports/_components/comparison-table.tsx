// Saved report vs re-run on today's data: per-venue allocation and score deltas.
import { ProvenanceBadge } from "@/components/provenance-badge";
import type { ReportComparison } from "@/lib/reports/compare-reports";
import { score1, signed, usdWhole } from "@/lib/reports/report-format";

function Delta({ value, fmt }: { value: number | null; fmt: (n: number) => string }) {
  const text = signed(value, fmt);
  const cls = value === null || Math.abs(value) < 1e-9 ? "muted" : value > 0 ? "delta-pos" : "delta-neg";
  return <span className={text === "no data" ? "nodata" : cls}>{text}</span>;
}

export function ComparisonTable({ comparison }: { comparison: ReportComparison }) {
  return (
    <div className="table-wrap">
      <table data-testid="comparison-table">
        <thead>
          <tr>
            <th scope="col">Venue</th>
            <th scope="col" className="num">Saved allocation</th>
            <th scope="col" className="num">Re-run allocation</th>
            <th scope="col" className="num">Δ allocation</th>
            <th scope="col" className="num">Saved score</th>
            <th scope="col" className="num">Re-run score</th>
            <th scope="col" className="num">Δ score</th>
            <th scope="col">Constraint (saved → re-run)</th>
          </tr>
        </thead>
        <tbody>
          {comparison.venues.map((v) => (
            <tr key={v.venue} data-venue={v.venue} data-status={v.status}>
              <td>
                {v.name} <ProvenanceBadge provenance={v.provenance} />
                {v.status === "new" && <span className="badge warn" style={{ marginLeft: 4 }}>new</span>}
                {v.status === "gone" && <span className="badge warn" style={{ marginLeft: 4 }}>gone</span>}
              </td>
              <td className="num">{v.saved ? usdWhole(v.saved.allocationUsd) : "—"}</td>
              <td className="num">{v.rerun ? usdWhole(v.rerun.allocationUsd) : "—"}</td>
              <td className="num">
                <Delta value={v.allocationDeltaUsd} fmt={usdWhole} />
              </td>
              <td className="num">{v.saved ? score1(v.saved.score) : "—"}</td>
              <td className="num">{v.rerun ? score1(v.rerun.score) : "—"}</td>
              <td className="num">
                <Delta value={v.scoreDelta} fmt={(n) => n.toFixed(1)} />
              </td>
              <td className="constraint">
                {v.saved?.constraint ?? "—"}
                {v.constraintChanged || !v.saved || !v.rerun ? ` → ${v.rerun?.constraint ?? "—"}` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

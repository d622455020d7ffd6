// Fee schedule history: every stored version of every tier, newest first, with its source and provenance.
import type { FeeRowView } from "@/lib/views/venue";
import { fmtUtc } from "@/lib/format";
import { ProvenanceBadge } from "../provenance-badge";

const bps = (rate: number) => `${(rate * 1e4).toFixed(2)} bps`;

export function FeeHistory({ fees }: { fees: FeeRowView[] }) {
  return (
    <div className="table-wrap" data-testid="fee-history">
      <table>
        <thead>
          <tr>
            <th>Tier</th>
            <th className="num">Maker</th>
            <th className="num">Taker</th>
            <th>In force</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {fees.map((f) => (
            <tr key={`${f.scope}|${f.tier}|${f.effectiveFrom}`}>
              <td>
                {f.tier} <span className="muted small">{f.scope}</span>
              </td>
              <td className="num">{bps(f.makerRate)}{f.makerRate < 0 ? <span className="muted small"> (rebate)</span> : null}</td>
              <td className="num">{bps(f.takerRate)}</td>
              <td className="small">
                {fmtUtc(f.effectiveFrom)} → {f.effectiveTo ? fmtUtc(f.effectiveTo) : <strong>current</strong>}
              </td>
              <td className="small" style={{ overflowWrap: "anywhere" }}>
                {f.source.startsWith("http") ? (
                  <a href={f.source} rel="noreferrer noopener" target="_blank">
                    {f.source}
                  </a>
                ) : (
                  f.source
                )}{" "}
                <ProvenanceBadge provenance={f.provenance} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

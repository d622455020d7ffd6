// A venue's margin rules as stored: modes, liquidation fee and style, collateral haircuts, and the tier
// tables by position notional, each with its source, date and provenance. The stress test runs on these.
import Link from "next/link";
import { ProvenanceBadge } from "@/components/provenance-badge";
import { SourceLink } from "@/components/source-link";
import { fmtUsd } from "@/lib/format";
import type { VenueMarginRules } from "@/lib/stress/types";

const pct = (x: number) => `${+(x * 100).toFixed(4)} %`;

export function MarginRules({ rules, preferSymbol, maxTables = 6 }: { rules: VenueMarginRules; preferSymbol: string | null; maxTables?: number }) {
  const symbols = Object.keys(rules.markets).sort((a, b) => (a === preferSymbol ? -1 : b === preferSymbol ? 1 : a.localeCompare(b)));
  const p = rules.policy;
  return (
    <section className="panel" aria-labelledby="margin-rules-h" data-testid="venue-margin-rules">
      <div className="panel-head">
        <h2 id="margin-rules-h">Margin rules</h2>
        <Link href="/stress" className="small">
          Stress-test a portfolio on these rules →
        </Link>
      </div>
      {p ? (
        <p className="small">
          Modes: {[p.crossMargin ? "cross" : null, p.isolatedMargin ? "isolated" : null].filter(Boolean).join(" and ") || "none stated"}; {p.liquidationStyle} liquidation; liquidation fee{" "}
          {p.liquidationFeeRate === null ? <span className="nodata">not published</span> : pct(p.liquidationFeeRate)}. <ProvenanceBadge provenance={p.provenance} /> <SourceLink source={p.source} />{" "}
          <span className="muted">as of {p.asOf.slice(0, 10)}</span>
          {p.note ? <span className="muted"> — {p.note}</span> : null}
        </p>
      ) : (
        <p className="small nodata">No margin policy on file (modes, liquidation fee).</p>
      )}
      <p className="small">
        Collateral:{" "}
        {rules.collateral.length ? rules.collateral.map((c) => `${c.asset} (haircut ${pct(c.haircut)})`).join(", ") : <span className="nodata">no collateral haircuts on file</span>}
      </p>
      {symbols.length === 0 ? (
        <p className="small nodata">No tier tables on file: this venue cannot be stress-tested until its margin rules are ingested or curated.</p>
      ) : (
        symbols.slice(0, maxTables).map((s, i) => {
          const m = rules.markets[s];
          return (
            <details key={s} open={i === 0}>
              <summary className="small">
                <strong>{s === "*" ? "Venue default (markets without their own table)" : s}</strong> — {m.tiers.length} tier{m.tiers.length === 1 ? "" : "s"}, <ProvenanceBadge provenance={m.provenance} /> <SourceLink source={m.source} />{" "}
                <span className="muted">as of {m.asOf.slice(0, 10)}</span>
              </summary>
              <div className="table-wrap">
                <table className="small">
                  <thead>
                    <tr>
                      <th scope="col">Tier</th>
                      <th scope="col" className="num">Position notional from</th>
                      <th scope="col" className="num">to</th>
                      <th scope="col" className="num">Max leverage</th>
                      <th scope="col" className="num">Initial margin</th>
                      <th scope="col" className="num">Maintenance margin</th>
                      <th scope="col" className="num">Maintenance amount</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.tiers.slice(0, 12).map((t) => (
                      <tr key={t.tier}>
                        <td>{t.tier}</td>
                        <td className="num">{fmtUsd(t.notionalFloorUsd)}</td>
                        <td className="num">{t.notionalCapUsd === null ? "no limit" : fmtUsd(t.notionalCapUsd)}</td>
                        <td className="num">{+t.maxLeverage.toFixed(2)}×</td>
                        <td className="num">{pct(t.initialMarginRate)}</td>
                        <td className="num">{pct(t.maintenanceMarginRate)}</td>
                        <td className="num">{t.maintenanceAmountUsd ? fmtUsd(t.maintenanceAmountUsd) : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {m.tiers.length > 12 ? <p className="muted small">{m.tiers.length - 12} more tiers in the CSV/JSON of a stress run and in the source.</p> : null}
              </div>
            </details>
          );
        })
      )}
      {symbols.length > maxTables ? <p className="muted small">{symbols.length - maxTables} more markets have tier tables.</p> : null}
    </section>
  );
}

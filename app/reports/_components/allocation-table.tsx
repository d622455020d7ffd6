// The proposed allocation: one row per venue with its binding constraint and reasons, or, when nothing
// could be allocated, the explanation first. Used by the form's result and the saved-report page.
import { ProvenanceBadge } from "@/components/provenance-badge";
import type { AllocationResult } from "@/lib/reports/allocate";
import type { ReportWarning } from "@/lib/reports/warnings";
import type { ReportExecution } from "@/lib/reports/types";
import { fmtUsd } from "@/lib/format";
import { bps2, capacityBasisLabel, score1, sharePct, usdWhole } from "@/lib/reports/report-format";

export function InfeasibleNote({ allocation }: { allocation: AllocationResult }) {
  const e = allocation.explanation;
  if (allocation.feasible || !e) return null;
  return (
    <div className="infeasible" role="status" data-testid="infeasible">
      <strong>Nothing can be allocated.</strong> {e.message}
      {e.suggestions.length > 0 && (
        <ul>
          {e.suggestions.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

const Nd = ({ text }: { text: string }) => (text === "no data" ? <span className="nodata">no data</span> : <>{text}</>);

/**
 * compact (the side-by-side comparison): only eligible venues as rows, the others in one line by constraint;
 * no reasons, all-in cost or capacity basis.
 */
export function AllocationTable({ allocation, budgetBps, caption, compact = false, dataDates = {}, execution = {} }: { allocation: AllocationResult; budgetBps: number; caption?: string; compact?: boolean; dataDates?: Record<string, { from: string | null; to: string | null }>; execution?: Record<string, ReportExecution | undefined> }) {
  const lines = compact ? allocation.lines.filter((l) => l.eligible) : allocation.lines;
  const left = allocation.lines.filter((l) => !l.eligible);
  return (
    <>
      <InfeasibleNote allocation={allocation} />
      {allocation.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      <div className="table-wrap">
        <table data-testid="allocation-table">
          {caption && <caption className="muted" style={{ textAlign: "left", marginBottom: 6 }}>{caption}</caption>}
          <thead>
            <tr>
              <th scope="col">Venue</th>
              <th scope="col">Constraint</th>
              <th scope="col" className="num">Allocation</th>
              <th scope="col" className="num">Share</th>
              <th scope="col" className="num">Score</th>
              <th scope="col" className="num">{compact ? "Capacity" : `Capacity @ ${budgetBps} bps`}</th>
              {!compact && <th scope="col" className="num">All-in cost</th>}
              {!compact && <th scope="col" className="num" title="Realized ÷ book-implied p50 slippage; median book refill half-life after a 30 % depth drop within 1 %">Realized / implied · refill</th>}
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.venue} data-venue={l.venue} className={l.eligible ? undefined : "ineligible"}>
                <td>
                  <strong>{l.name}</strong>
                  {compact ? (l.provenance === "simulated" ? <> <ProvenanceBadge provenance={l.provenance} /></> : null) : <> <ProvenanceBadge provenance={l.provenance} /></>}
                  {!compact && dataDates[l.venue]?.to && (
                    <div className="muted data-date" data-testid="data-date">
                      data {dataDates[l.venue].from?.slice(0, 10)} to {dataDates[l.venue].to!.slice(0, 10)} (UTC)
                    </div>
                  )}
                  {!compact && (
                    <ul className="reasons">
                      {l.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="constraint">{l.constraint}</td>
                <td className="num">{l.eligible ? usdWhole(l.allocationUsd) : "—"}</td>
                <td className="num">{l.eligible ? sharePct(l.allocationShare) : "—"}</td>
                <td className="num" data-col="score">
                  <Nd text={score1(l.score)} />
                </td>
                <td className="num">
                  <Nd text={compact ? fmtUsd(l.capacityUsd) : usdWhole(l.capacityUsd)} />
                  {!compact && l.capacityBasis && (
                    <>
                      <br />
                      <span className="muted">{capacityBasisLabel(l.capacityBasis, l.stressWindowCount)}</span>
                    </>
                  )}
                </td>
                {!compact && (
                  <td className="num">
                    <Nd text={bps2(l.allInCostBps)} />
                  </td>
                )}
                {!compact && (
                  <td className="num" data-col="execution">
                    <Nd text={execution[l.venue]?.realizedToImplied == null ? "no data" : `${execution[l.venue]!.realizedToImplied!.toFixed(2)} ×`} />
                    <br />
                    <span className="muted">{execution[l.venue]?.refillHalfLifeMs == null ? "no refill read" : `refill ${Math.round(execution[l.venue]!.refillHalfLifeMs! / 1000)} s (${execution[l.venue]!.refillDrops} drops)`}</span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                Allocated
              </th>
              <td className="num" data-testid="allocated-total">
                <strong>{usdWhole(allocation.allocatedUsd)}</strong>
              </td>
              <td className="num">{sharePct(allocation.allocatedUsd / allocation.capitalUsd)}</td>
              <td colSpan={compact ? 2 : 4} className="muted">
                of {usdWhole(allocation.capitalUsd)}
                {allocation.unallocatedUsd > 0 ? `, ${usdWhole(allocation.unallocatedUsd)} unallocated` : ""}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {compact && left.length > 0 && (
        <p className="muted" style={{ fontSize: 12 }}>
          Not allocated: {left.map((l) => `${l.name} (${l.constraint})`).join(", ")}.
        </p>
      )}
    </>
  );
}

export function Downloads({ id, compact = false }: { id: number; compact?: boolean }) {
  return (
    <div className="downloads" aria-label="Downloads">
      {(["csv", "json", "pdf"] as const).map((f) => (
        <a key={f} className={compact ? undefined : "button secondary"} href={`/api/reports/${id}/download?format=${f}`} download data-format={f} aria-label={compact ? `Download report ${id} as ${f.toUpperCase()}` : undefined}>
          {compact ? f.toUpperCase() : `Download ${f.toUpperCase()}`}
        </a>
      ))}
    </div>
  );
}

export function ProvenanceNotes({ notes, simulated }: { notes: string[]; simulated: string[] }) {
  return (
    <>
      {simulated.length > 0 && (
        <p className="banner simulated" role="note">
          Includes simulated venues ({simulated.join(", ")}): they are fictional, generated by the Venuescope simulator, and must not be used for real allocations.
        </p>
      )}
      <ul className="muted" style={{ margin: "4px 0 0", paddingLeft: 18 }}>
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </>
  );
}

/** The report's warnings (concentration, few snapshots, stale data, different periods), above its table. */
export function ReportWarnings({ warnings }: { warnings: ReportWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="report-warnings" role="note" data-testid="report-warnings">
      <strong>Warnings</strong>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.code}:${w.venues.join(",")}`} data-code={w.code}>
            {w.message}.
          </li>
        ))}
      </ul>
    </div>
  );
}

// The saved stress runs, newest first, each opening at /stress?run=<id>.
import Link from "next/link";
import { fmtUsd, fmtUtc } from "@/lib/format";
import type { SavedStressSummary } from "@/lib/views/stress";

export function SavedRuns({ runs }: { runs: SavedStressSummary[] }) {
  return (
    <section className="panel" aria-labelledby="saved-runs">
      <h2 id="saved-runs">Saved stress runs</h2>
      {runs.length === 0 ? (
        <p className="muted">None yet: run a scenario and press “Save run”.</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="saved-stress-runs">
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Scenario</th>
                <th scope="col">Venues</th>
                <th scope="col" className="num">Result (chosen modes)</th>
                <th scope="col" className="num">Liquidations</th>
                <th scope="col">Saved</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/stress?run=${r.id}`}>{r.title}</Link> {r.simulated ? <span className="badge simulated">simulated data</span> : null}
                  </td>
                  <td>{r.scenario}</td>
                  <td>{r.venues.join(", ")}</td>
                  <td className="num">{r.lossUsd >= 0 ? `loss ${fmtUsd(r.lossUsd)}` : `gain ${fmtUsd(-r.lossUsd)}`}</td>
                  <td className="num">{r.liquidatedCount}</td>
                  <td>{fmtUtc(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

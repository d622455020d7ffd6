// /reports: the saved reports, newest first, each re-downloadable and re-runnable.
import Link from "next/link";
import { db } from "@/lib/db";
import { fmtUtc } from "@/lib/format";
import { listReports } from "@/lib/services/saved-reports";
import { usdWhole } from "@/lib/reports/report-format";
import { Downloads } from "./_components/allocation-table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Allocation reports — Venuescope" };

export default async function ReportsPage() {
  const reports = await listReports(db());
  return (
    <>
      <div className="report-head">
        <div>
          <h1>Allocation reports</h1>
          <p className="muted" style={{ marginTop: 0 }}>
            Saved reports keep the parameters and the result as generated; open one to compare it with a re-run on today&apos;s data.
          </p>
        </div>
        <Link className="button" href="/reports/new">
          New report
        </Link>
      </div>
      {reports.length === 0 ? (
        <p className="empty panel">
          No saved reports yet. <Link href="/reports/new">Build the first one</Link>.
        </p>
      ) : (
        <div className="panel table-wrap">
          <table data-testid="reports-list">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Title</th>
                <th scope="col">Saved</th>
                <th scope="col" className="num">Capital</th>
                <th scope="col" className="num">Allocated</th>
                <th scope="col" className="num">Venues</th>
                <th scope="col">Methodology</th>
                <th scope="col">Download</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} data-report-id={r.id}>
                  <td>{r.id}</td>
                  <td>
                    <Link href={`/reports/${r.id}`}>{r.title}</Link>
                    {!r.feasible && <span className="badge warn" style={{ marginLeft: 6 }}>infeasible</span>}
                    {r.simulatedVenues > 0 && <span className="badge simulated" style={{ marginLeft: 6 }}>includes simulated</span>}
                  </td>
                  <td>{fmtUtc(r.createdAt)}</td>
                  <td className="num">{usdWhole(r.capitalUsd)}</td>
                  <td className="num">{usdWhole(r.allocatedUsd)}</td>
                  <td className="num">{r.venuesAllocated}</td>
                  <td>v{r.methodologyVersion}</td>
                  <td>
                    <Downloads id={r.id} compact />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

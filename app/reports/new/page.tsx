// /reports/new: build an allocation report, save it and download it as CSV, JSON or PDF.
import Link from "next/link";
import { db } from "@/lib/db";
import { reportFormOptions } from "@/lib/services/report-form-options";
import { AllocationForm } from "./allocation-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "New allocation report — Venuescope" };

export default async function NewReportPage() {
  const options = await reportFormOptions(db());
  return (
    <>
      <p className="muted" style={{ margin: "0 0 4px" }}>
        <Link href="/reports">Reports</Link> / new
      </p>
      <h1>New allocation report</h1>
      <p className="muted">
        Splits capital across venues by score, among the venues that pass the minimum score and whose <em>stressed</em> capacity within the slippage budget (5th percentile of
        per-snapshot capacity inside stress windows, or the overall 5th percentile where no stress window was detected) covers one order of the target notional. Caps hold a venue
        and share the excess among the others by score. The report is saved with its parameters and can be re-run later on newer data.
      </p>
      <AllocationForm options={options} />
    </>
  );
}

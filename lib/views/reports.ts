// Allocation reports as the pages receive them: the /reports/new form's options, saved reports and a re-run
// with its differences (lib/services/saved-reports.ts and report-form-options.ts load them). Client-safe.
import type { ReportComparison } from "../reports/compare-reports";
import type { AllocationReport } from "../reports/types";

export interface ReportFormOptions {
  venues: { slug: string; name: string; provenance: string }[];
  assets: string[];
  items: { id: string; label: string; defaultWeight: number }[];
  windows: string[];
}

export interface SavedReportSummary {
  id: number;
  kind: string;
  title: string;
  createdAt: string;
  methodologyVersion: string;
  feasible: boolean;
  capitalUsd: number;
  allocatedUsd: number;
  venuesAllocated: number;
  simulatedVenues: number;
}

export interface SavedAllocationReport {
  id: number;
  createdAt: string;
  report: AllocationReport;
}

export interface RerunResult {
  saved: SavedAllocationReport;
  rerun: AllocationReport;
  comparison: ReportComparison;
}

// Saved stress runs (SavedReport rows of kind "stress"): the portfolio and scenario they were run with and
// the result, listed at /stress and downloadable like reports (lib/export/render-download.ts renders them).
import "server-only";
import type { Db } from "../db";
import type { SavedStressRun, SavedStressSummary, StressRun } from "../views/stress";

export async function saveStressRun(db: Db, run: StressRun, title?: string): Promise<SavedStressRun> {
  const t = title?.trim() || `${run.portfolio.name} — ${run.result.scenario.name}`;
  const row = await db.savedReport.create({
    data: { kind: "stress", title: t.slice(0, 200), params: JSON.stringify({ portfolio: run.portfolio, scenario: run.result.scenario }), result: JSON.stringify(run), summary: JSON.stringify(summaryOf(run)), methodologyVersion: run.result.engineVersion },
  });
  return { id: row.id, title: row.title, createdAt: row.createdAt.toISOString(), run };
}

type StoredSummary = Omit<SavedStressSummary, "id" | "title" | "createdAt">;

function summaryOf(run: StressRun): StoredSummary {
  return {
    scenario: run.result.scenario.name,
    venues: run.result.venues.map((v) => v.venueSlug),
    lossUsd: run.result.totals.lossUsd,
    liquidatedCount: run.result.totals.liquidatedCount,
    simulated: run.result.venues.some((v) => v.provenance.includes("simulated")),
  };
}

/**
 * The newest saved runs, from their summary column only: a run's stored result holds a path per step and
 * account (MBs), so a list never reads or parses it (issue #19, class 3). A run saved before the column
 * existed gets its summary computed once and written back.
 */
export async function listStressRuns(db: Db, limit = 100): Promise<SavedStressSummary[]> {
  const rows = await db.savedReport.findMany({ where: { kind: "stress" }, orderBy: { id: "desc" }, take: limit, select: { id: true, title: true, createdAt: true, summary: true } });
  const out: SavedStressSummary[] = [];
  for (const r of rows) {
    let stored = r.summary === null ? null : (JSON.parse(r.summary) as StoredSummary);
    if (stored === null) {
      const { result } = await db.savedReport.findUniqueOrThrow({ where: { id: r.id }, select: { result: true } });
      stored = summaryOf(JSON.parse(result) as StressRun);
      await db.savedReport.update({ where: { id: r.id }, data: { summary: JSON.stringify(stored) } });
    }
    out.push({ id: r.id, title: r.title, createdAt: r.createdAt.toISOString(), ...stored });
  }
  return out;
}

export async function getStressRun(db: Db, id: number): Promise<SavedStressRun | null> {
  const row = await db.savedReport.findUnique({ where: { id } });
  if (!row || row.kind !== "stress") return null;
  return { id: row.id, title: row.title, createdAt: row.createdAt.toISOString(), run: JSON.parse(row.result) as StressRun };
}

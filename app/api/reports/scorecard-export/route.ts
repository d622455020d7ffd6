// GET /api/reports/scorecard-export?format=csv|json&notional=…&window=…&asset=…[&weights=…&simulated=hide]:
// the scorecard view as a file (same query as /api/scorecard).
import { db } from "@/lib/db";
import { errorResponse, queryOf } from "@/lib/api/handler";
import { getScorecard } from "@/lib/services/scorecard";
import { ScorecardQuery } from "@/lib/services/scorecard-query";
import { scorecardCsv } from "@/lib/reports/export-csv";
import { scorecardJson } from "@/lib/reports/export-json";
import { CONTENT_TYPES } from "@/lib/reports/render-download";
import { z } from "zod";

export const dynamic = "force-dynamic";

const Format = z.object({ format: z.enum(["csv", "json"], { error: "format is csv or json" }).default("csv") });

export async function GET(req: Request) {
  try {
    const query = queryOf(req);
    const { format } = Format.parse({ format: query.format });
    const params = ScorecardQuery.parse(query);
    const rows = await getScorecard(db(), params);
    const now = new Date();
    const body = format === "csv" ? scorecardCsv(rows, params.notionalUsd) : `${JSON.stringify(scorecardJson(rows, params, now), null, 2)}\n`;
    const filename = `venuescope-scorecard-${params.asset}-${now.toISOString().slice(0, 10)}.${format}`;
    return new Response(body, { headers: { "content-type": CONTENT_TYPES[format], "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}

// GET /api/reports/scorecard-export?format=csv|json&notional=…&window=…&asset=…[&weights=…&simulated=hide]:
// the scorecard view as a file (the same query as /api/scorecard, rendered by lib/export).
import { z } from "zod";
import { db } from "@/lib/db";
import { errorResponse, queryOf } from "@/lib/api/handler";
import { downloadResponse, renderScorecard } from "@/lib/export/render-download";
import { getScorecard } from "@/lib/services/scorecard";
import { ScorecardQuery } from "@/lib/views/scorecard";

export const dynamic = "force-dynamic";

const Format = z.object({ format: z.enum(["csv", "json"], { error: "format is csv or json" }).default("csv") });

export async function GET(req: Request) {
  try {
    const query = queryOf(req);
    const { format } = Format.parse({ format: query.format });
    const params = ScorecardQuery.parse(query);
    return downloadResponse(renderScorecard(await getScorecard(db(), params), params, format));
  } catch (err) {
    return errorResponse(err);
  }
}

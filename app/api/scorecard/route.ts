import { db } from "@/lib/db";
import { handleGet } from "@/lib/api/handler";
import { getScorecardView } from "@/lib/services/scorecard";
import { ScorecardQuery } from "@/lib/views/scorecard";

export const dynamic = "force-dynamic";

export const GET = handleGet(ScorecardQuery, async (params) => ({ params, venues: await getScorecardView(db(), params) }));

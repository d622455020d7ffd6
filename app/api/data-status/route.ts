// GET /api/data-status?page=&pageSize=&runs=all|errors&days= — ingest runs, freshness and the coverage grid.
import { db } from "@/lib/db";
import { handleGet } from "@/lib/api/handler";
import { getDataStatus } from "@/lib/services/data-status";
import { DataStatusQuery } from "@/lib/views/data-status";

export const dynamic = "force-dynamic";

export const GET = handleGet(DataStatusQuery, (q) => getDataStatus(db(), q));

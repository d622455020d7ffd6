// GET /api/carry — funding carry of a position: ?venue=&symbol= (one market) or ?asset= (each venue's market for
// the asset); side, notional, hold (days), window or from/to. Validated by lib/views/carry.ts (422 on bad input).
import { db } from "@/lib/db";
import { handleGet } from "@/lib/api/handler";
import { getAssetCarry, getMarketCarry } from "@/lib/services/carry";
import { CarryQuery } from "@/lib/views/carry";

export const dynamic = "force-dynamic";

export const GET = handleGet(CarryQuery, async (q) => (q.kind === "market" ? getMarketCarry(db(), q) : getAssetCarry(db(), q)));

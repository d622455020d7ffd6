// GET /api/term-structure?asset=BTC[&venue=] — dated futures' annualized basis per maturity, the constant-maturity
// curve, the perp's funding beside it and the divergence flag, per venue that lists dated futures we store.
import { db } from "@/lib/db";
import { handleGet } from "@/lib/api/handler";
import { getTermStructure } from "@/lib/services/term-structure";
import { TermStructureQuery } from "@/lib/views/term-structure";

export const dynamic = "force-dynamic";

export const GET = handleGet(TermStructureQuery, (q) => getTermStructure(db(), q));

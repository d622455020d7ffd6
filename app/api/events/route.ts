// GET /api/events?venue=&kind=&limit=&before=&simulated=hide|show|only — change events (fee schedules, margin
// tiers, funding intervals and caps, incidents, rank moves), newest detected first; `nextBefore` pages back.
import { db } from "@/lib/db";
import { handleGet } from "@/lib/api/handler";
import { listChangeEvents } from "@/lib/services/change-events";
import { ChangeEventsQuery } from "@/lib/views/change-events";

export const dynamic = "force-dynamic";

export const GET = handleGet(ChangeEventsQuery, (q) => listChangeEvents(db(), q));

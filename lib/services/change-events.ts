// Change events (fee schedules, margin tiers, funding intervals and caps, incidents, rank moves) for /data,
// /api/events and the CLI: newest detected first, paged back by id. Simulated venues' events are listed only
// when asked for, never mixed into the default list.
import "server-only";
import type { Db } from "../db";
import type { ChangeEventKind, ChangeEventsAnswer, ChangeEventsQuery, ChangeEventView } from "../views/change-events";

function parseDetails(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

export async function listChangeEvents(db: Db, q: Pick<ChangeEventsQuery, "limit"> & Partial<ChangeEventsQuery>): Promise<ChangeEventsAnswer> {
  const simulated = q.simulated ?? "hide";
  const rows = await db.changeEvent.findMany({
    where: {
      ...(q.venue ? { venue: { slug: q.venue } } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.before ? { id: { lt: q.before } } : {}),
      ...(simulated === "hide" ? { provenance: { not: "simulated" } } : simulated === "only" ? { provenance: "simulated" } : {}),
    },
    orderBy: { id: "desc" },
    // One more than asked tells whether an older page exists.
    take: q.limit + 1,
    include: { venue: { select: { slug: true, name: true } } },
  });
  const page = rows.slice(0, q.limit);
  return {
    events: page.map((r): ChangeEventView => ({
      id: r.id,
      venue: r.venue,
      kind: r.kind as ChangeEventKind,
      subject: r.subject,
      occurredAt: r.occurredAt.toISOString(),
      detectedAt: r.detectedAt.toISOString(),
      summary: r.summary,
      details: parseDetails(r.details),
      provenance: r.provenance,
      alert: { alertedAt: r.alertedAt?.toISOString() ?? null, attempts: r.alertAttempts, error: r.alertError },
    })),
    nextBefore: rows.length > q.limit ? page[page.length - 1].id : null,
  };
}

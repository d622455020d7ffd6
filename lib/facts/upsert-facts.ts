// Store curated facts: a new or changed fact is written with a revision recording who changed it and when;
// an unchanged fact is left alone, so loading the same profile twice changes nothing.
import "server-only";
import type { Db } from "../db";
import type { Provenance } from "../venues/types";
import type { FactInput } from "./schema";
import { INGEST_TX_OPTIONS } from "../store/write-lock";

export async function upsertFacts(db: Db, venueId: number, facts: FactInput[], opts: { provenance: Provenance; editedBy: string; mode?: string }): Promise<{ written: number; unchanged: number }> {
  let written = 0;
  let unchanged = 0;
  await db.$transaction(async (tx) => {
    for (const f of facts) {
      const data = {
        item: f.item,
        status: f.status,
        value: f.value,
        sourceUrl: f.sourceUrl ?? null,
        quote: f.quote ?? null,
        asOf: new Date(f.asOf),
        note: f.note ?? null,
        thirdPartyReason: f.thirdParty?.reason ?? null,
      };
      const prev = await tx.venueFact.findUnique({ where: { venueId_key: { venueId, key: f.key } } });
      if (prev && prev.item === data.item && prev.status === data.status && prev.value === data.value && prev.sourceUrl === data.sourceUrl && prev.quote === data.quote && prev.asOf.getTime() === data.asOf.getTime() && prev.note === data.note && prev.thirdPartyReason === data.thirdPartyReason) {
        unchanged++;
        continue;
      }
      const fact = await tx.venueFact.upsert({
        where: { venueId_key: { venueId, key: f.key } },
        create: { venueId, key: f.key, ...data, provenance: opts.provenance, updatedBy: opts.editedBy },
        update: { ...data, updatedBy: opts.editedBy },
      });
      await tx.venueFactRevision.create({
        data: { factId: fact.id, value: data.value, status: data.status, sourceUrl: data.sourceUrl, quote: data.quote, asOf: data.asOf, note: data.note, editedBy: opts.editedBy },
      });
      written++;
    }
    if (written > 0) {
      // Recorded as a run of kind "facts": the data status page lists edits, and cached figures that read
      // facts (coverage, scores) are recomputed because the data version moves on.
      const venue = await tx.venue.findUniqueOrThrow({ where: { id: venueId }, select: { slug: true } });
      const now = new Date();
      await tx.ingestRun.create({
        data: { venueId, venueSlug: venue.slug, kind: "facts", mode: opts.mode ?? "edit", source: opts.editedBy, provenance: opts.provenance, startedAt: now, finishedAt: now, durationMs: 0, status: "ok", rowsWritten: written, rowsSkipped: unchanged },
      });
    }
  }, INGEST_TX_OPTIONS);
  return { written, unchanged };
}

/** Replace the venue's official-domain list with the profile's (idempotent: an unchanged list writes nothing). */
export async function syncOfficialDomains(db: Db, venueId: number, domains: readonly string[]): Promise<{ added: number; removed: number }> {
  const want = [...new Set(domains)];
  return db.$transaction(async (tx) => {
    const have = await tx.venueOfficialDomain.findMany({ where: { venueId } });
    const stale = have.filter((h) => !want.includes(h.domain));
    const fresh = want.filter((d) => !have.some((h) => h.domain === d));
    if (stale.length) await tx.venueOfficialDomain.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
    for (const domain of fresh) await tx.venueOfficialDomain.create({ data: { venueId, domain } });
    return { added: fresh.length, removed: stale.length };
  });
}

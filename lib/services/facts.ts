// Curated facts of a venue with their history, and analyst edits (stored with who and when; scores read
// facts fresh, so an edit changes the score on the next request).
import "server-only";
import { z } from "zod";
import type { Db } from "../db";
import { FactInput } from "../facts/schema";
import { upsertFacts } from "../facts/upsert-facts";
import { isOfficialUrl } from "../sources/official";
import { NotFoundError } from "./errors";

export const FactEdit = z.object({
  venue: z.string().min(1),
  editedBy: z.string().trim().min(2, "say who is making the change").max(80),
  fact: FactInput,
});
export type FactEdit = z.infer<typeof FactEdit>;

export async function venueFacts(db: Db, slug: string) {
  const venue = await db.venue.findUnique({ where: { slug }, select: { id: true } });
  if (!venue) throw new NotFoundError(`no venue ${slug}`);
  return db.venueFact.findMany({ where: { venueId: venue.id }, include: { revisions: { orderBy: { editedAt: "desc" } } }, orderBy: [{ item: "asc" }, { key: "asc" }] });
}

export async function editFact(db: Db, edit: FactEdit) {
  const venue = await db.venue.findUnique({ where: { slug: edit.venue }, select: { id: true } });
  if (!venue) throw new NotFoundError(`no venue ${edit.venue}`);
  const src = edit.fact.sourceUrl;
  if (src && !edit.fact.thirdParty) {
    const domains = (await db.venueOfficialDomain.findMany({ where: { venueId: venue.id }, select: { domain: true } })).map((d) => d.domain);
    if (domains.length && !isOfficialUrl(src, domains)) throw new z.ZodError([{ code: "custom", path: ["fact", "sourceUrl"], message: `${src} is not on an official domain of ${edit.venue} (${domains.join(", ")}); cite the official page or mark the fact third-party with a reason` }]);
  }
  const result = await upsertFacts(db, venue.id, [edit.fact], { provenance: "recorded", editedBy: edit.editedBy });
  const fact = await db.venueFact.findUniqueOrThrow({ where: { venueId_key: { venueId: venue.id, key: edit.fact.key } }, include: { revisions: { orderBy: { editedAt: "desc" } } } });
  return { changed: result.written > 0, fact };
}

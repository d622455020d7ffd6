// Load the curated venue profiles in data/facts/*.json (validated; a known fact without source, quote
// and date is refused) into VenueFact rows. Editing a profile file and re-running bootstrap records the
// change as a revision by "profile file".
import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db";
import { projectRoot } from "../env-core";
import { connectorFor } from "../venues/registry";
import { ensureVenue } from "../store/venue-rows";
import { VenueProfile } from "./schema";
import { syncOfficialDomains, upsertFacts } from "./upsert-facts";

export function factsDir(): string {
  return path.join(projectRoot(), "data", "facts");
}

export interface ProfileFileResult {
  file: string;
  venue: string | null;
  ok: boolean;
  errors: string[];
  profile: VenueProfile | null;
}

export function readProfiles(dir = factsDir()): ProfileFileResult[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      try {
        const r = VenueProfile.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
        if (!r.success) return { file, venue: null, ok: false, errors: r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`), profile: null };
        const keys = r.data.facts.map((x) => x.key);
        const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
        if (dupes.length) return { file, venue: r.data.venue, ok: false, errors: [`duplicate fact keys: ${[...new Set(dupes)].join(", ")}`], profile: null };
        return { file, venue: r.data.venue, ok: true, errors: [], profile: r.data };
      } catch (err) {
        return { file, venue: null, ok: false, errors: [`not JSON: ${(err as Error).message}`], profile: null };
      }
    });
}

export async function loadProfiles(db: Db, dir = factsDir()): Promise<{ venue: string; written: number; unchanged: number }[]> {
  const out = [];
  for (const r of readProfiles(dir)) {
    if (!r.ok || !r.profile) throw new Error(`${path.basename(r.file)}: ${r.errors.join("; ")}`);
    const venueId = await ensureVenue(db, connectorFor(r.profile.venue), "recorded");
    await syncOfficialDomains(db, venueId, r.profile.officialDomains);
    const res = await upsertFacts(db, venueId, r.profile.facts, { provenance: "recorded", editedBy: "profile file", mode: "bootstrap" });
    out.push({ venue: r.profile.venue, ...res });
  }
  return out;
}

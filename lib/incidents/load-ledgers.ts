// Load the curated incident ledgers in data/incidents/<venue>.json into VenueIncidentLedger / VenueIncident
// rows. Every file is validated before anything is written (zod; https sources on the venue's official domains
// from its profile in data/facts, or marked third-party; a known venue); a bad file stops the load with its
// errors named and nothing written. Each venue's ledger is written in one transaction and replaced whole: an
// unchanged file writes nothing, so loading twice changes nothing.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db";
import { projectRoot } from "../env-core";
import { connectorFor } from "../venues/registry";
import { ensureVenue } from "../store/venue-rows";
import { recordChangeEvent } from "../store/change-events";
import { factsDir, readProfiles } from "../facts/load-profiles";
import { IncidentLedgerFile, unmarkedThirdPartySources } from "./schema";

export function incidentsDir(): string {
  return path.join(projectRoot(), "data", "incidents");
}

export interface LedgerFileResult {
  file: string;
  ok: boolean;
  errors: string[];
  ledger: IncidentLedgerFile | null;
}

/** Read and validate every ledger file (no writes). Official domains come from the venues' profiles. */
export function readLedgers(dir = incidentsDir(), profilesDir = factsDir()): LedgerFileResult[] {
  if (!fs.existsSync(dir)) return [];
  const domains = new Map<string, string[]>();
  for (const p of readProfiles(profilesDir)) if (p.profile) domains.set(p.profile.venue, p.profile.officialDomains);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f): LedgerFileResult => {
      const file = path.join(dir, f);
      let raw: unknown;
      try {
        raw = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch (err) {
        return { file, ok: false, errors: [`not JSON: ${(err as Error).message}`], ledger: null };
      }
      const r = IncidentLedgerFile.safeParse(raw);
      if (!r.success) return { file, ok: false, errors: r.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`), ledger: null };
      const errors: string[] = [];
      if (f !== `${r.data.venue}.json`) errors.push(`the file of venue ${r.data.venue} must be named ${r.data.venue}.json`);
      try {
        connectorFor(r.data.venue);
      } catch (err) {
        errors.push((err as Error).message);
      }
      const official = domains.get(r.data.venue);
      if (!official) errors.push(`${r.data.venue}: no venue profile in data/facts lists its official domains`);
      else errors.push(...unmarkedThirdPartySources(r.data, official));
      return errors.length ? { file, ok: false, errors, ledger: null } : { file, ok: true, errors: [], ledger: r.data };
    });
}

const dayStart = (d: string) => new Date(`${d}T00:00:00Z`);
/** A date-only value is that UTC day's start; a date-time keeps its instant. */
const instant = (v: string) => (v.length === 10 ? dayStart(v) : new Date(v));

export interface LedgerLoadResult {
  venue: string;
  written: number;
  removed: number;
  unchanged: number;
}

/** Validate all files, then write each venue's ledger (one transaction per venue). Throws on any bad file. */
export async function loadIncidentLedgers(db: Db, dir = incidentsDir(), profilesDir = factsDir()): Promise<LedgerLoadResult[]> {
  const files = readLedgers(dir, profilesDir);
  const bad = files.filter((f) => !f.ok);
  if (bad.length) throw new Error(bad.map((b) => `${path.basename(b.file)}: ${b.errors.join("; ")}`).join("\n"));
  const out: LedgerLoadResult[] = [];
  for (const { ledger } of files) {
    const l = ledger!;
    const venueId = await ensureVenue(db, connectorFor(l.venue), "recorded");
    const res = await db.$transaction(async (tx) => {
      let written = 0;
      let unchanged = 0;
      const ledgerData = { reviewedFrom: l.reviewed ? dayStart(l.reviewed.from) : null, reviewedTo: l.reviewed ? dayStart(l.reviewed.to) : null, note: l.note };
      const prevLedger = await tx.venueIncidentLedger.findUnique({ where: { venueId } });
      const same = (a: Date | null | undefined, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
      if (!prevLedger || !same(prevLedger.reviewedFrom, ledgerData.reviewedFrom) || !same(prevLedger.reviewedTo, ledgerData.reviewedTo) || prevLedger.note !== ledgerData.note) {
        await tx.venueIncidentLedger.upsert({ where: { venueId }, create: { venueId, ...ledgerData }, update: ledgerData });
        written++;
      }
      const have = await tx.venueIncident.findMany({ where: { venueId } });
      for (const e of l.incidents) {
        const data = {
          startedAt: instant(e.start),
          endedAt: e.end ? instant(e.end) : null,
          kind: e.kind,
          title: e.title,
          mechanism: e.mechanism,
          durationMinutes: e.durationMinutes ?? null,
          lossesUsd: e.lossesUsd ?? null,
          compensation: e.compensation ?? null,
          compensationUsd: e.compensationUsd ?? null,
          severity: e.severity,
          sourceUrl: e.sourceUrl,
          quote: e.quote,
          thirdPartyReason: e.thirdParty?.reason ?? null,
          extraSources: JSON.stringify(e.extraSources.map((x) => ({ url: x.url, supports: x.supports, thirdPartyReason: x.thirdParty?.reason ?? null }))),
          asOf: dayStart(e.asOf),
        };
        const prev = have.find((h) => h.key === e.id);
        if (prev && (Object.keys(data) as (keyof typeof data)[]).every((k) => {
          const a = prev[k];
          const b = data[k];
          return a instanceof Date || b instanceof Date ? same(a as Date | null, b as Date | null) : a === b;
        })) {
          unchanged++;
          continue;
        }
        await tx.venueIncident.upsert({ where: { venueId_key: { venueId, key: e.id } }, create: { venueId, key: e.id, ...data }, update: data });
        written++;
        // A new incident in a ledger loaded before is a change event; a venue's first ledger is not.
        if (!prev && prevLedger) {
          await recordChangeEvent(tx, {
            summary: `${e.severity} ${e.kind}: ${e.title}`,
            details: { key: e.id, before: null, after: { startedAt: data.startedAt.toISOString(), endedAt: data.endedAt?.toISOString() ?? null, kind: e.kind, severity: e.severity, title: e.title, lossesUsd: data.lossesUsd, sourceUrl: e.sourceUrl } },
            venueId,
            kind: "incident",
            subject: null,
            occurredAt: data.startedAt.getTime(),
            provenance: "recorded",
            dedupeKey: `incident|${venueId}|${e.id}`,
            ingestRunId: null,
          });
        }
      }
      // An incident taken out of the file leaves the ledger (the file is the ledger).
      const keep = new Set(l.incidents.map((e) => e.id));
      const stale = have.filter((h) => !keep.has(h.key));
      if (stale.length) await tx.venueIncident.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
      if (written > 0 || stale.length > 0) {
        // A run of kind "incidents" moves the data version on, so cached scores that read the ledger are recomputed.
        const now = new Date();
        await tx.ingestRun.create({
          data: { venueId, venueSlug: l.venue, kind: "incidents", mode: "bootstrap", source: `incidents/${l.venue}.json`, provenance: "recorded", startedAt: now, finishedAt: now, durationMs: 0, status: "ok", rowsWritten: written, rowsSkipped: unchanged },
        });
      }
      return { venue: l.venue, written, removed: stale.length, unchanged };
    });
    out.push(res);
  }
  return out;
}

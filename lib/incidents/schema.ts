// Curated incident ledgers (data/incidents/<venue>.json): per venue, dated incidents with mechanism, duration,
// losses, compensation, severity and a source on the venue's official domains (or marked third-party with a
// reason), plus the period the curator searched. Pure: validation only, no I/O.
import { z } from "zod";
import { HttpsUrl, ThirdPartyMark, isOfficialUrl } from "../sources/official";
import { INCIDENT_SEVERITY_WEIGHTS } from "../scoring/items";

export const INCIDENT_KINDS = ["outage", "chain-halt", "adl-wave", "manipulation", "rollback", "hack", "depeg", "other"] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const INCIDENT_SEVERITIES = Object.keys(INCIDENT_SEVERITY_WEIGHTS) as (keyof typeof INCIDENT_SEVERITY_WEIGHTS)[];

/** A UTC date ("2025-10-10") or an ISO date-time with offset ("2025-10-10T21:36:00Z"). */
const When = z.union([z.string().date(), z.string().datetime({ offset: true })]);
const Usd = z.number().finite().nonnegative();

export const IncidentEntry = z
  .object({
    /** Stable id inside the file, e.g. "2025-10-10-depeg-liquidations". */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "incident ids are lower-case words joined by '-', e.g. 2025-10-10-chain-halt"),
    start: When,
    end: When.nullable().optional(),
    kind: z.enum(INCIDENT_KINDS),
    title: z.string().trim().min(5),
    mechanism: z.string().trim().min(10, "say what happened and why (at least 10 characters)"),
    /** Minutes the venue (or the affected part) was down or halted, as a source states it. */
    durationMinutes: Usd.nullable().optional(),
    /** Losses in USD as a source states them; leave out when no source gives a figure (never estimate). */
    lossesUsd: Usd.nullable().optional(),
    /** What the venue paid back, in words (e.g. "refunded $650k to 200 accounts"); null when none was announced. */
    compensation: z.string().trim().min(3).nullable().optional(),
    compensationUsd: Usd.nullable().optional(),
    severity: z.enum(INCIDENT_SEVERITIES as [string, ...string[]]),
    sourceUrl: HttpsUrl,
    /** A short quote from the source supporting the entry. */
    quote: z.string().trim().min(10),
    thirdParty: ThirdPartyMark.nullable().optional(),
    /** Further sources for figures the main source does not state (e.g. a compensation amount from press). */
    extraSources: z.array(z.object({ url: HttpsUrl, supports: z.string().trim().min(5), thirdParty: ThirdPartyMark.nullable().optional() })).default([]),
    asOf: z.string().date(),
  })
  .superRefine((e, ctx) => {
    if (e.end && Date.parse(e.end) < Date.parse(e.start)) ctx.addIssue({ code: "custom", path: ["end"], message: `incident ${e.id}: end is before start` });
  });
export type IncidentEntry = z.infer<typeof IncidentEntry>;

export const IncidentLedgerFile = z
  .object({
    venue: z.string().min(1),
    /**
     * The period the curator searched (official announcements, status pages, post-mortems, press). The ledger's
     * incident figure exists only for a trailing 12 months inside it; null: the file lists incidents but claims
     * no complete review, so it never yields a figure.
     */
    reviewed: z.object({ from: z.string().date(), to: z.string().date() }).nullable(),
    /** What was searched and how (shown beside the ledger). */
    note: z.string().trim().min(10),
    incidents: z.array(IncidentEntry),
  })
  .superRefine((f, ctx) => {
    if (f.reviewed && f.reviewed.from > f.reviewed.to) ctx.addIssue({ code: "custom", path: ["reviewed"], message: "reviewed.from is after reviewed.to" });
    const seen = new Set<string>();
    f.incidents.forEach((e, i) => {
      if (seen.has(e.id)) ctx.addIssue({ code: "custom", path: ["incidents", i, "id"], message: `duplicate incident id ${e.id}` });
      seen.add(e.id);
    });
  });
export type IncidentLedgerFile = z.infer<typeof IncidentLedgerFile>;

/** Off-domain sources without a third-party mark, as messages (empty when every source is acceptable). */
export function unmarkedThirdPartySources(file: IncidentLedgerFile, officialDomains: readonly string[]): string[] {
  const out: string[] = [];
  const msg = (id: string, url: string) => `incident ${id}: ${url} is not on an official domain of ${file.venue} (${officialDomains.join(", ")}); use the official page or mark it thirdParty with a reason`;
  for (const e of file.incidents) {
    if (!e.thirdParty && !isOfficialUrl(e.sourceUrl, officialDomains)) out.push(msg(e.id, e.sourceUrl));
    for (const x of e.extraSources) if (!x.thirdParty && !isOfficialUrl(x.url, officialDomains)) out.push(msg(e.id, x.url));
  }
  return out;
}

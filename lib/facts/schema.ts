// Curated venue facts: the checklist answers no API gives. Each fact carries its value, the source URL of
// the document it comes from, a short supporting quote and an as-of date — or is "unknown" with a note.
import { z } from "zod";
import { HttpsUrl, OfficialDomain, ThirdPartyMark, isOfficialUrl } from "../sources/official";

export const FactInput = z
  .object({
    item: z.enum(["depth", "stress", "funding", "liquidation", "fees", "resiliency", "transparency", "margin", "governance", "incidents"]),
    key: z.string().regex(/^[a-z][a-z0-9_.-]*$/, "fact keys are lower-case dotted names, e.g. funding.cap"),
    status: z.enum(["known", "unknown"]).default("known"),
    value: z.string().min(1),
    sourceUrl: HttpsUrl.nullable().optional(),
    /** Set when the source is not on one of the venue's official domains: why it is used anyway. */
    thirdParty: ThirdPartyMark.nullable().optional(),
    quote: z.string().min(1).nullable().optional(),
    asOf: z.string().date().or(z.string().datetime()),
    note: z.string().nullable().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.status === "known") {
      if (!f.sourceUrl) ctx.addIssue({ code: "custom", path: ["sourceUrl"], message: `fact ${f.key}: a known fact needs a source URL` });
      if (!f.quote) ctx.addIssue({ code: "custom", path: ["quote"], message: `fact ${f.key}: a known fact needs a quote from its source` });
    } else if (!f.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: `fact ${f.key}: an unknown fact needs a note saying what was looked for` });
    }
  });
export type FactInput = z.infer<typeof FactInput>;

export const VenueProfile = z
  .object({
    venue: z.string().min(1),
    /** The venue's own domains: website, docs, API docs, announcements, blog, GitHub org (subdomains count). */
    officialDomains: z.array(OfficialDomain).min(1, "list the venue's official domains"),
    facts: z.array(FactInput),
  })
  .superRefine((p, ctx) => {
    p.facts.forEach((f, i) => {
      if (!f.sourceUrl || f.thirdParty) return;
      if (!isOfficialUrl(f.sourceUrl, p.officialDomains)) {
        ctx.addIssue({ code: "custom", path: ["facts", i, "sourceUrl"], message: `fact ${f.key}: ${f.sourceUrl} is not on an official domain of ${p.venue} (${p.officialDomains.join(", ")}); use the official page or mark it thirdParty with a reason` });
      }
    });
  });
export type VenueProfile = z.infer<typeof VenueProfile>;

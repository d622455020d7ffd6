// Curated facts grouped by checklist item: value, source link, supporting quote, as-of date, and a stale
// flag when older than FACT_STALE_DAYS; a source off the venue's official domains carries a "third-party" mark
// with its reason. Unknown facts say what was looked for.
import type { VenueFactView } from "@/lib/views/venue";
import { CHECKLIST_ITEMS } from "@/lib/scoring/items";
import { fmtDay } from "@/lib/format";
import { ProvenanceBadge } from "../provenance-badge";
import { FactEditor } from "./fact-editor";

export function FactsList({ slug, facts, staleDays }: { slug: string; facts: VenueFactView[]; staleDays: number }) {
  const groups = new Map<string, VenueFactView[]>();
  for (const f of facts) groups.set(f.item, [...(groups.get(f.item) ?? []), f]);
  const label = (id: string) => CHECKLIST_ITEMS.find((i) => i.id === id)?.label ?? id;
  return (
    <div data-testid="facts">
      {[...groups.entries()].map(([item, list]) => (
        <div key={item} className="facts-group" data-item={item}>
          <h3>{label(item)}</h3>
          {list.map((f) => (
            <div key={f.key} className={`fact${f.stale ? " stale" : ""}`} data-testid="fact" data-key={f.key}>
              <div>
                <code>{f.key}</code>: {f.status === "known" ? <strong>{f.value}</strong> : <span className="nodata">unknown</span>} <ProvenanceBadge provenance={f.provenance} />{" "}
                {f.stale ? (
                  <span className="badge stale" title={`Older than ${staleDays} days: check the source again`}>
                    stale · {f.ageDays} days old
                  </span>
                ) : null}
              </div>
              {f.quote ? <blockquote>&ldquo;{f.quote}&rdquo;</blockquote> : null}
              <div className="muted small">
                as of {fmtDay(f.asOf)}
                {f.sourceUrl ? (
                  <>
                    {" "}
                    ·{" "}
                    <a href={f.sourceUrl} rel="noreferrer noopener" target="_blank">
                      source
                    </a>
                    {f.thirdPartyReason ? (
                      <>
                        {" "}
                        <span className="badge third-party" data-testid="third-party" title={f.thirdPartyReason}>
                          third-party
                        </span>{" "}
                        <span data-testid="third-party-reason">({f.thirdPartyReason})</span>
                      </>
                    ) : null}
                  </>
                ) : null}
                {f.note ? <> · {f.note}</> : null} · last changed by {f.updatedBy} on {fmtDay(f.updatedAt)} · <FactEditor slug={slug} fact={f} />
              </div>
            </div>
          ))}
        </div>
      ))}
      <FactEditor slug={slug} fact={null} />
    </div>
  );
}

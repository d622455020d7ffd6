"use client";
// Pick 2–6 venues to compare; every change goes to the URL (venues=a,b,c) so the view is a link.
import { MAX_COMPARE } from "@/lib/queries/view-params";
import { ProvenanceBadge } from "../provenance-badge";
import { childIndent, VenueParentTag } from "../venue-parent-tag";

export function VenuePicker({ venues, selected, onChange }: { venues: { slug: string; name: string; provenance: string }[]; selected: string[]; onChange: (s: string[]) => void }) {
  const full = selected.length >= MAX_COMPARE;
  return (
    <fieldset style={{ border: 0, margin: 0, padding: 0 }} data-testid="venue-picker">
      <legend className="field label" style={{ fontSize: 12, color: "var(--muted)", fontWeight: 600, marginBottom: 6 }}>
        Venues to compare ({selected.length} of at most {MAX_COMPARE})
      </legend>
      <div className="inline" style={{ gap: "6px 16px" }}>
        {venues.map((v) => {
          const on = selected.includes(v.slug);
          return (
            <label key={v.slug} className="check" style={childIndent(v.slug)}>
              <input type="checkbox" checked={on} disabled={!on && full} onChange={() => onChange(on ? selected.filter((s) => s !== v.slug) : [...selected, v.slug])} data-venue={v.slug} />
              {v.name} <ProvenanceBadge provenance={v.provenance} /> <VenueParentTag slug={v.slug} compact />
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

"use client";
// Per-venue caps (USD or % of capital) and exclusions of the allocation form.
import { ProvenanceBadge } from "@/components/provenance-badge";
import { describedBy, FieldError, type FieldErrors } from "./field";

export interface VenueControl {
  exclude: boolean;
  capUsd: string;
  capPct: string;
}

export function VenueControls({ venues, value, onChange, errors }: { venues: { slug: string; name: string; provenance: string }[]; value: Record<string, VenueControl>; onChange: (slug: string, v: VenueControl) => void; errors: FieldErrors }) {
  if (venues.length === 0) return <p className="empty">No venues in the database yet.</p>;
  return (
    <div className="table-wrap">
      <table className="venue-controls">
        <thead>
          <tr>
            <th scope="col">Venue</th>
            <th scope="col">Exclude</th>
            <th scope="col">Cap (USD)</th>
            <th scope="col">Cap (% of capital)</th>
          </tr>
        </thead>
        <tbody>
          {venues.map((v) => {
            const c = value[v.slug] ?? { exclude: false, capUsd: "", capPct: "" };
            const usdKey = `caps.${v.slug}.usd`;
            const pctKey = `caps.${v.slug}.sharePct`;
            const capKey = `caps.${v.slug}`;
            return (
              <tr key={v.slug} data-venue={v.slug}>
                <th scope="row" style={{ textTransform: "none", letterSpacing: 0, fontSize: 14, color: "var(--text)" }}>
                  {v.name} <ProvenanceBadge provenance={v.provenance} />
                  <FieldError name={capKey} errors={errors} />
                </th>
                <td>
                  <input type="checkbox" id={`f-exclude-${v.slug}`} aria-label={`Exclude ${v.name}`} checked={c.exclude} onChange={(e) => onChange(v.slug, { ...c, exclude: e.target.checked })} />
                </td>
                <td>
                  <input id={`f-${usdKey}`} type="number" min="0" step="any" inputMode="decimal" aria-label={`Cap for ${v.name} in USD`} value={c.capUsd} onChange={(e) => onChange(v.slug, { ...c, capUsd: e.target.value })} aria-invalid={errors[usdKey] ? true : undefined} aria-describedby={describedBy(usdKey, errors)} />
                  <FieldError name={usdKey} errors={errors} />
                </td>
                <td>
                  <input id={`f-${pctKey}`} type="number" min="0" max="100" step="any" inputMode="decimal" aria-label={`Cap for ${v.name} in percent of capital`} value={c.capPct} onChange={(e) => onChange(v.slug, { ...c, capPct: e.target.value })} aria-invalid={errors[pctKey] ? true : undefined} aria-describedby={describedBy(pctKey, errors)} />
                  <FieldError name={pctKey} errors={errors} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

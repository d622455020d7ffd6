"use client";
// One labelled range input per checklist item (arrow keys move it by one point); the ranking re-scores live.
import { CHECKLIST_ITEMS, DEFAULT_WEIGHTS, type ItemId, type Weights } from "@/lib/scoring/items";
import { MAX_WEIGHT, sameWeights } from "@/lib/queries/view-params";

export function WeightSliders({ weights, onChange }: { weights: Weights; onChange: (w: Weights) => void }) {
  const total = CHECKLIST_ITEMS.reduce((s, i) => s + weights[i.id], 0);
  return (
    <fieldset className="weights" style={{ border: 0, padding: 0, margin: 0 }} data-testid="weights">
      <legend className="sr-only">Checklist weights</legend>
      {CHECKLIST_ITEMS.map((item) => {
        const id = `weight-${item.id}`;
        const w = weights[item.id];
        return (
          <div className="weight" key={item.id}>
            <label htmlFor={id} title={item.description}>
              {item.label}
            </label>
            <output htmlFor={id} aria-live="off">
              {w}
            </output>
            <input
              id={id}
              type="range"
              min={0}
              max={MAX_WEIGHT}
              step={1}
              value={w}
              aria-valuetext={`${w} points${total > 0 ? `, ${Math.round((w / total) * 100)} % of the total weight` : ""}`}
              onChange={(e) => onChange({ ...weights, [item.id as ItemId]: Number(e.target.value) })}
              data-item={item.id}
            />
          </div>
        );
      })}
      <div className="inline small">
        <span className="muted">Weights are points; shares of {total} total.</span>
        <button type="button" onClick={() => onChange({ ...DEFAULT_WEIGHTS })} disabled={sameWeights(weights, DEFAULT_WEIGHTS as Weights)}>
          Reset to defaults
        </button>
      </div>
    </fieldset>
  );
}

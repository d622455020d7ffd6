"use client";
// Saved weight profiles: pick one to apply its weights, or save the current weights under a name.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { saveWeightProfile, weightProfileKeys, weightProfilesQuery } from "@/lib/queries/weight-profiles";
import { sameWeights } from "@/lib/queries/view-params";
import type { Weights } from "@/lib/scoring/items";

export function WeightProfilesPanel({ weights, onApply }: { weights: Weights; onApply: (w: Weights) => void }) {
  const qc = useQueryClient();
  const profiles = useQuery(weightProfilesQuery);
  const [name, setName] = useState("");
  const save = useMutation({
    mutationFn: saveWeightProfile,
    onSuccess: () => {
      setName("");
      return qc.invalidateQueries({ queryKey: weightProfileKeys.all });
    },
  });
  const list = profiles.data ?? [];
  const current = list.find((p) => sameWeights(p.weights, weights));
  return (
    <div data-testid="weight-profiles">
      <div className="field" style={{ marginBottom: 10 }}>
        <label htmlFor="profile-select">Saved weight profile</label>
        <select
          id="profile-select"
          value={current ? String(current.id) : ""}
          onChange={(e) => {
            const p = list.find((x) => String(x.id) === e.target.value);
            if (p) onApply(p.weights);
          }}
          disabled={profiles.isLoading}
        >
          <option value="">{profiles.isLoading ? "Loading…" : list.length ? "— choose a profile —" : "no saved profiles yet"}</option>
          {list.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {profiles.error ? <span className="error-text small">Could not load profiles: {profiles.error.message}</span> : null}
      </div>
      <form
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ name, weights });
        }}
      >
        <label htmlFor="profile-name">Profile name</label>
        <div className="inline">
          <input id="profile-name" type="text" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} placeholder="e.g. Execution desk" style={{ flex: 1, minWidth: 0 }} />
          <button type="submit" className="primary" disabled={save.isPending}>
            Save weight profile
          </button>
        </div>
        <span className="status-line" role="status" data-testid="profile-status">
          {save.isPending ? "Saving…" : save.error ? <span className="error-text">{save.error.message}</span> : save.data ? `Saved “${save.data.name}”.` : ""}
        </span>
      </form>
    </div>
  );
}

"use client";
// Correct or add a curated fact: the change is stored with who made it and when (a revision in the fact's
// history), and the venue's scores are recomputed on the next load. Needs the admin token when set.
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { VenueFactView } from "@/lib/views/venue";
import { venueKeys } from "@/lib/queries/venue";
import { scorecardKeys } from "@/lib/queries/scorecard";
import { ApiError, postJson } from "@/lib/queries/fetch-json";

const ITEMS = ["depth", "stress", "funding", "liquidation", "fees", "resiliency", "transparency", "margin", "governance", "incidents"] as const;

interface Draft {
  item: string;
  key: string;
  status: "known" | "unknown";
  value: string;
  sourceUrl: string;
  thirdPartyReason: string;
  quote: string;
  asOf: string;
  note: string;
  editedBy: string;
}

const today = () => new Date().toISOString().slice(0, 10);

function draftOf(f: VenueFactView | null): Draft {
  return {
    item: f?.item ?? "funding",
    key: f?.key ?? "",
    status: f?.status === "unknown" ? "unknown" : "known",
    value: f?.value ?? "",
    sourceUrl: f?.sourceUrl ?? "",
    thirdPartyReason: f?.thirdPartyReason ?? "",
    quote: f?.quote ?? "",
    asOf: today(),
    note: f?.note ?? "",
    editedBy: "",
  };
}

export function FactEditor({ slug, fact }: { slug: string; fact: VenueFactView | null }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(fact));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const id = `fact-${slug}-${fact?.key ?? "new"}`.replace(/[^\w-]/g, "_");
  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)} aria-label={fact ? `Correct ${fact.key}` : "Add a fact"}>
        {fact ? "correct" : "+ Add a fact"}
      </button>
    );
  }
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const field = (k: keyof Draft, label: string, input: React.ReactNode) => (
    <div className="fact-field">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      {input}
      {errors[`fact.${k}`] || errors[k] ? <span className="field-error" role="alert">{(errors[`fact.${k}`] ?? errors[k]).join("; ")}</span> : null}
    </div>
  );
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    const fact = { item: draft.item, key: draft.key, status: draft.status, value: draft.value, sourceUrl: draft.sourceUrl || null, thirdParty: draft.thirdPartyReason.trim() ? { reason: draft.thirdPartyReason.trim() } : null, quote: draft.quote || null, asOf: draft.asOf, note: draft.note || null };
    try {
      await postJson("/api/facts", { venue: slug, editedBy: draft.editedBy, fact });
      setErrors({});
      setOpen(false);
      await qc.invalidateQueries({ queryKey: venueKeys.all });
      await qc.invalidateQueries({ queryKey: scorecardKeys.all });
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      setErrors(e?.fields ?? {});
      setMessage(e?.status === 401 ? "Saving needs the admin token: sign in at /admin." : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="fact-editor panel" onSubmit={submit} aria-label={fact ? `Correct ${fact.key}` : "Add a fact"} data-testid="fact-editor">
      {field("item", "Checklist item", <select id={`${id}-item`} value={draft.item} onChange={set("item")}>{ITEMS.map((i) => <option key={i}>{i}</option>)}</select>)}
      {field("key", "Fact key", <input id={`${id}-key`} value={draft.key} onChange={set("key")} placeholder="e.g. funding.cap_published" readOnly={fact !== null} />)}
      {field("status", "Status", <select id={`${id}-status`} value={draft.status} onChange={set("status")}><option value="known">known</option><option value="unknown">unknown</option></select>)}
      {field("value", "Value", <input id={`${id}-value`} value={draft.value} onChange={set("value")} placeholder="yes / partial / no, a count, or text" />)}
      {field("sourceUrl", "Source URL", <input id={`${id}-sourceUrl`} type="url" value={draft.sourceUrl} onChange={set("sourceUrl")} placeholder="https://… the venue's own document" />)}
      {field("thirdPartyReason", "Third-party reason (only if the source is not the venue's own)", <input id={`${id}-thirdPartyReason`} type="text" value={draft.thirdPartyReason} onChange={set("thirdPartyReason")} placeholder="why a non-official source is cited" />)}
      {field("quote", "Quote from the source", <textarea id={`${id}-quote`} value={draft.quote} onChange={set("quote")} rows={2} />)}
      {field("asOf", "As of", <input id={`${id}-asOf`} type="date" value={draft.asOf} onChange={set("asOf")} />)}
      {field("note", "Note", <input id={`${id}-note`} value={draft.note} onChange={set("note")} placeholder="required for an unknown fact: what was looked for" />)}
      {field("editedBy", "Your name", <input id={`${id}-editedBy`} value={draft.editedBy} onChange={set("editedBy")} autoComplete="name" />)}
      <div className="fact-actions">
        <button type="submit" disabled={busy}>{busy ? "Saving…" : "Save fact"}</button>{" "}
        <button type="button" onClick={() => setOpen(false)}>Cancel</button>
        {message ? <p role="alert" className="field-error">{message}</p> : null}
      </div>
    </form>
  );
}

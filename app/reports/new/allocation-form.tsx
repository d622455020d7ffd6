"use client";
// The allocation-report form: posts to /api/reports (validated there with zod), shows the server's
// field errors beside each control, and on success opens the saved report at its own URL (/reports/<id>).
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { ReportFormOptions } from "@/lib/views/reports";
import type { AllocationRequestInput } from "@/lib/reports/params";
import type { AllocationReport } from "@/lib/reports/types";
import { Field, type FieldErrors } from "./field";
import { VenueControls, type VenueControl } from "./venue-controls";

interface Created {
  id: number;
  url: string;
  report: AllocationReport;
}

class SubmitError extends Error {
  constructor(
    message: string,
    readonly fields: FieldErrors,
  ) {
    super(message);
  }
}

/** The report view's request (lib/reports/params.ts AllocationRequest validates it on the server). */
async function postReport(body: AllocationRequestInput): Promise<Created> {
  const res = await fetch("/api/reports", { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new SubmitError(json?.error ?? `HTTP ${res.status}`, json?.fields ?? {});
  return json as Created;
}

const LABELS: Record<string, string> = {
  capitalUsd: "Capital (USD)",
  targetOrderNotionalUsd: "Target order notional (USD)",
  slippageBudgetBps: "Slippage budget (bps)",
  minScore: "Minimum venue score",
  asset: "Asset",
  window: "Window",
  title: "Title",
};

/** A readable name for a field-error key such as "caps.okx.sharePct" or "weights.depth". */
function labelOf(key: string, options: ReportFormOptions): string {
  const [head, a, b] = key.split(".");
  if (head === "weights") return `Weight of ${options.items.find((i) => i.id === a)?.label ?? a}`;
  if (head === "caps") {
    const name = options.venues.find((v) => v.slug === a)?.name ?? a;
    return b === "usd" ? `Cap for ${name} (USD)` : b === "sharePct" ? `Cap for ${name} (% of capital)` : `Cap for ${name}`;
  }
  if (head === "exclude") return "Excluded venues";
  return LABELS[key] ?? key;
}

const blankless = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v.trim() !== ""));

export function AllocationForm({ options }: { options: ReportFormOptions }) {
  const [v, setV] = useState({ title: "", capitalUsd: "1000000", targetOrderNotionalUsd: "100000", slippageBudgetBps: "10", minScore: "0", asset: "BTC", window: "30d", venueSet: "real" as "real" | "simulated" });
  const defaults = Object.fromEntries(options.items.map((i) => [i.id, String(i.defaultWeight)]));
  const [weights, setWeights] = useState<Record<string, string>>(defaults);
  const [venues, setVenues] = useState<Record<string, VenueControl>>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLSpanElement>(null);
  const router = useRouter();
  // A built report opens at its own URL (/reports/<id>): a link to share, and Back returns to the form.
  const m = useMutation({ mutationFn: postReport, onSuccess: (created) => router.push(created.url) });
  // Set once hydrated: until then a submit would be a plain GET of this page (tests wait for it too).
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const errors: FieldErrors = m.error instanceof SubmitError ? m.error.fields : {};

  useEffect(() => {
    if (m.isError) summaryRef.current?.focus();
    if (m.isSuccess) resultRef.current?.focus();
  }, [m.isError, m.isSuccess, m.submittedAt]);

  const set = (k: keyof typeof v) => (e: { target: HTMLInputElement | HTMLSelectElement }) => setV({ ...v, [k]: e.target.type === "checkbox" ? (e.target as HTMLInputElement).checked : e.target.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    const changed = options.items.some((i) => (weights[i.id] ?? "") !== String(i.defaultWeight));
    const caps = Object.fromEntries(
      Object.entries(venues)
        .map(([slug, c]) => [slug, blankless({ usd: c.capUsd, sharePct: c.capPct })] as const)
        .filter(([, c]) => Object.keys(c).length > 0),
    );
    m.mutate({
      ...v,
      title: v.title.trim() || undefined,
      weights: changed ? blankless(weights) : undefined,
      caps,
      exclude: Object.entries(venues).filter(([, c]) => c.exclude).map(([slug]) => slug),
    });
  }

  const errorList = Object.entries(errors);
  return (
    <>
      <form onSubmit={submit} noValidate aria-label="Allocation report parameters" data-ready={ready ? "true" : undefined}>
        {m.isError && (
          <div className="error-summary" ref={summaryRef} tabIndex={-1} role="alert" data-testid="error-summary">
            <strong>{errorList.length ? "Please correct the highlighted fields." : m.error.message}</strong>
            {errorList.length > 0 && (
              <ul>
                {errorList.map(([k, msgs]) => (
                  <li key={k}>
                    <a href={`#f-${k}`}>{labelOf(k, options)}</a>: {msgs.join("; ")}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <fieldset>
          <legend>Sizing</legend>
          <div className="form-grid">
            <Field name="capitalUsd" label="Capital (USD)" type="number" min="0" step="any" inputMode="decimal" required value={v.capitalUsd} onChange={set("capitalUsd")} errors={errors} hint="Total to split across venues." />
            <Field name="targetOrderNotionalUsd" label="Target order notional (USD)" type="number" min="0" step="any" inputMode="decimal" required value={v.targetOrderNotionalUsd} onChange={set("targetOrderNotionalUsd")} errors={errors} hint="Size of one order; a venue must fill it within the budget." />
            <Field name="slippageBudgetBps" label="Slippage budget (bps)" type="number" min="0" step="any" inputMode="decimal" required value={v.slippageBudgetBps} onChange={set("slippageBudgetBps")} errors={errors} hint="Capacity is measured at this budget (stressed p5)." />
            <Field name="minScore" label="Minimum venue score (0–100)" type="number" min="0" max="100" step="any" value={v.minScore} onChange={set("minScore")} errors={errors} />
          </div>
        </fieldset>
        <fieldset>
          <legend>Data</legend>
          <div className="form-grid">
            <Field name="asset" label="Asset" errors={errors}>
              <select id="f-asset" name="asset" value={v.asset} onChange={set("asset")}>
                {options.assets.map((a) => (
                  <option key={a}>{a}</option>
                ))}
              </select>
            </Field>
            <Field name="window" label="Window" errors={errors} hint="Counted back from each market's latest data.">
              <select id="f-window" name="window" value={v.window} onChange={set("window")} aria-describedby="hint-window">
                {options.windows.map((w) => (
                  <option key={w}>{w}</option>
                ))}
              </select>
            </Field>
            <Field name="title" label="Title (optional)" type="text" maxLength={120} value={v.title} onChange={set("title")} errors={errors} />
            <Field name="venueSet" label="Venues" errors={errors} hint="Real venues, or the simulated demo on its own: an allocation never mixes the two.">
              <select id="f-venueSet" name="venueSet" value={v.venueSet} onChange={set("venueSet")} aria-describedby="hint-venueSet">
                <option value="real">Real venues</option>
                <option value="simulated">Simulated demo (fictional venues only)</option>
              </select>
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>Checklist weights</legend>
          <div className="form-grid">
            {options.items.map((i) => (
              <Field key={i.id} name={`weights.${i.id}`} label={i.label} type="number" min="0" step="any" inputMode="decimal" value={weights[i.id] ?? ""} onChange={(e) => setWeights({ ...weights, [i.id]: e.target.value })} errors={errors} />
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Venues: caps and exclusions</legend>
          <VenueControls venues={options.venues} value={venues} onChange={(slug, c) => setVenues({ ...venues, [slug]: c })} errors={errors} />
        </fieldset>
        <button type="submit" className="primary" disabled={m.isPending || !ready}>
          {m.isPending ? "Building…" : "Build and save report"}
        </button>
      </form>
      {m.isSuccess && (
        <p className="muted" role="status" style={{ marginTop: 20 }} data-testid="report-opening">
          <span ref={resultRef} tabIndex={-1}>
            Saved report #{m.data.id}: opening <Link href={m.data.url}>{m.data.url}</Link>…
          </span>
        </p>
      )}
    </>
  );
}

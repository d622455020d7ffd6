"use client";
// The stress builder: portfolio + scenario → POST /api/stress; the result with CSV/JSON exports (the server
// re-runs the same inputs) and "Save run" (stored, listed below, opened with ?run=<id>).
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { StressOptions, StressRequestInput, StressRun } from "@/lib/views/stress";
import { PortfolioEditor, portfolioBody, stateFromPortfolio, type PortfolioState } from "./portfolio-editor";
import { ScenarioEditor, scenarioBody, scenarioState, type ScenarioState } from "./scenario-editor";
import { StressResults } from "./stress-results";

class RunError extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string[]>,
    readonly status: number,
  ) {
    super(message);
  }
}

async function post(url: string, body: StressRequestInput): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });
}

async function runStress(body: StressRequestInput): Promise<StressRun & { id: number | null }> {
  const res = await post("/api/stress", body);
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new RunError(json?.error ?? `HTTP ${res.status}`, json?.fields ?? {}, res.status);
  return json;
}

/** A three-venue hedged book to start from: long BTC, short ETH on up to three venues with rules for both. */
export function defaultPortfolio(options: StressOptions): PortfolioState {
  const pick = (v: StressOptions["venues"][number], asset: string) => v.markets.find((m) => m.base === asset && m.hasRules && m.lastPriceUsd !== null);
  const eligible = options.venues.filter((v) => pick(v, "BTC") && pick(v, "ETH"));
  const chosen = [...eligible.filter((v) => v.provenance !== "simulated"), ...eligible.filter((v) => v.provenance === "simulated")].slice(0, 3);
  const venues = chosen.length ? chosen : options.venues.slice(0, 1);
  return {
    name: "hedged BTC/ETH book",
    positions: venues.flatMap((v) => [
      { venue: v.slug, market: pick(v, "BTC")?.symbol ?? v.markets[0]?.symbol ?? "BTC", side: "long" as const, sizeKind: "notionalUsd" as const, amount: "1000000", entryPrice: "", leverage: "" },
      ...(pick(v, "ETH") ? [{ venue: v.slug, market: pick(v, "ETH")!.symbol, side: "short" as const, sizeKind: "notionalUsd" as const, amount: "800000", entryPrice: "", leverage: "" }] : []),
    ]),
    collateral: venues.map((v) => ({ venue: v.slug, asset: "USDT", amount: "150000" })),
    modes: {},
  };
}

function describeFields(fields: Record<string, string[]>): string[] {
  return Object.entries(fields).map(([k, v]) => {
    const m = /^positions\.(\d+)\.(\w+)/.exec(k);
    return `${m ? `Position ${Number(m[1]) + 1} ${m[2]}` : k}: ${v.join("; ")}`;
  });
}

async function download(body: StressRequestInput, fallbackName: string): Promise<string | null> {
  const res = await post("/api/stress/export", body);
  if (!res.ok) {
    const json = await res.json().catch(() => null);
    return json?.error ?? `HTTP ${res.status}`;
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}

export function StressBuilder({ options, saved }: { options: StressOptions; saved: { id: number; title: string; createdAt: string; run: StressRun } | null }) {
  const [portfolio, setPortfolio] = useState<PortfolioState>(() => (saved ? stateFromPortfolio(saved.run.portfolio) : defaultPortfolio(options)));
  const [scenario, setScenario] = useState<ScenarioState>(() => (saved ? scenarioState("custom", saved.run.result.scenario) : scenarioState("correlation-break", options.scenarios["correlation-break"])));
  const [note, setNote] = useState<string | null>(null);
  const [savedId, setSavedId] = useState<number | null>(saved?.id ?? null);
  const m = useMutation({ mutationFn: runStress });
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const resultRef = useRef<HTMLDivElement>(null);
  const run: StressRun | null = m.data ?? saved?.run ?? null;
  const fields = m.error instanceof RunError ? m.error.fields : {};
  // The request the stress view's schema reads (lib/views/stress.ts), checked here at compile time.
  const body = (extra: Omit<StressRequestInput, "portfolio" | "scenario"> = {}): StressRequestInput => ({ portfolio: portfolioBody(portfolio), scenario: scenarioBody(scenario), ...extra });

  useEffect(() => {
    if (m.isSuccess) resultRef.current?.focus();
  }, [m.isSuccess, m.submittedAt]);

  function submit(e: FormEvent) {
    e.preventDefault();
    setNote(null);
    setSavedId(null);
    m.mutate(body());
  }

  async function save() {
    setNote("Saving…");
    const res = await post("/api/stress", body({ save: true, title: portfolio.name ? `${portfolio.name} — ${scenario.name}` : undefined }));
    const json = await res.json().catch(() => null);
    if (!res.ok) {
      setNote(res.status === 401 ? "Saving needs the admin token: sign in at /admin." : `Not saved: ${json?.error ?? `HTTP ${res.status}`}`);
      return;
    }
    setSavedId(json.id);
    setNote(null);
  }

  return (
    <>
      <form onSubmit={submit} noValidate data-ready={ready ? "true" : undefined}>
        <PortfolioEditor options={options} value={portfolio} onChange={setPortfolio} errors={fields} />
        <ScenarioEditor options={options} value={scenario} onChange={setScenario} errors={fields} />
        <div className="inline" style={{ marginBottom: 16 }}>
          <button type="submit" className="primary" disabled={!ready || m.isPending} data-testid="run-stress">
            {m.isPending ? "Running…" : "Run stress test"}
          </button>
          {m.isError ? (
            <div role="alert" className="error-text" data-testid="stress-error">
              {m.error.message}
              {describeFields(fields).length ? (
                <ul>
                  {describeFields(fields).map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </div>
      </form>
      {run ? (
        <div ref={resultRef} tabIndex={-1} aria-live="polite">
          <div className="inline" style={{ marginBottom: 12 }} data-testid="stress-exports">
            {saved && !m.data ? (
              <span className="muted small">
                Saved run #{saved.id} “{saved.title}”, computed {saved.createdAt.slice(0, 16).replace("T", " ")} UTC (as it was then; run it again for today&apos;s data).
              </span>
            ) : null}
            <button type="button" onClick={async () => setNote(await download(body({ format: "csv", table: "summary" }), "stress-summary.csv"))}>
              CSV: summary
            </button>
            <button type="button" onClick={async () => setNote(await download(body({ format: "csv", table: "positions" }), "stress-positions.csv"))}>
              CSV: positions
            </button>
            <button type="button" onClick={async () => setNote(await download(body({ format: "csv", table: "path" }), "stress-path.csv"))}>
              CSV: path
            </button>
            <button type="button" onClick={async () => setNote(await download(body({ format: "json" }), "stress.json"))}>
              JSON
            </button>
            <button type="button" onClick={async () => setNote(await download(body({ format: "pdf", title: portfolio.name ? `${portfolio.name} — ${scenario.name}` : undefined }), "stress.pdf"))}>
              PDF
            </button>
            {savedId !== null ? (
              <a href={`/stress?run=${savedId}`} data-testid="saved-link">
                Saved as run #{savedId}
              </a>
            ) : (
              <button type="button" onClick={save} data-testid="save-run">
                Save run
              </button>
            )}
            {note ? <span className="small error-text">{note}</span> : null}
          </div>
          <StressResults run={run} />
        </div>
      ) : null}
    </>
  );
}

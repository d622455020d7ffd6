// The methodology page body, rendered from methodology() — the same data the scoring code runs on — plus
// the sampling limits the figures use. A server component: no client JavaScript needed.
import type { Methodology } from "@/lib/scoring";
import { ScaleTable } from "./scale-table";

export interface SamplingLimits {
  maxSampledSnapshots: number;
  maxSeriesPoints: number;
  curveNotionalsUsd: number[];
  capacityBudgetBps: number;
  carryHoldingHours: number;
}

/** Points of the total one "yes" fact adds at the default weights: w_transparency / Σ w × 100 / facts in the item. */
function factYesPoints(m: Methodology): number {
  const all = m.items.reduce((a, i) => a + i.defaultWeight, 0);
  const t = m.items.find((i) => i.id === "transparency");
  return t && all > 0 ? ((t.defaultWeight / all) * m.factValueScores.yes) / Math.max(1, t.subMetrics.length) : 0;
}

export function MethodologyView({ m, sampling }: { m: Methodology; sampling: SamplingLimits }) {
  const totalWeight = m.items.reduce((s, i) => s + i.defaultWeight, 0);
  const r = m.stressRule;
  return (
    <>
      <h1>Methodology</h1>
      <p className="muted">
        Version <strong data-testid="methodology-version">{m.version}</strong>. {m.summary}
      </p>
      <nav className="panel small" aria-label="On this page">
        <a href="#weights">Default weights</a> · <a href="#sampling">Sampling</a> · <a href="#stress">Stress rule</a> · <a href="#items">Items, sub-metrics and scales</a> · <a href="#formulas">Metric formulas</a> · <a href="#scoring">Scoring</a> · <a href="#facts">Fact keys</a>
      </nav>
      <section className="panel" aria-labelledby="conv-h">
        <h2 id="conv-h">Conventions</h2>
        <ul>
          {m.conventions.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      </section>
      <section className="panel" id="weights" aria-labelledby="weights-h">
        <h2 id="weights-h">Checklist items and default weights</h2>
        <div className="table-wrap">
          <table data-testid="default-weights">
            <thead>
              <tr>
                <th>Item</th>
                <th>Id</th>
                <th className="num">Default weight (points)</th>
                <th className="num">Share</th>
                <th>What it asks</th>
              </tr>
            </thead>
            <tbody>
              {m.items.map((i) => (
                <tr key={i.id} data-item={i.id}>
                  <td>
                    <a href={`#item-${i.id}`}>{i.label}</a>
                  </td>
                  <td>
                    <code>{i.id}</code>
                  </td>
                  <td className="num" data-testid="weight">
                    {i.defaultWeight}
                  </td>
                  <td className="num">{((i.defaultWeight / totalWeight) * 100).toFixed(0)} %</td>
                  <td className="small">{i.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted small">Weights are points and need not sum to 100; the total divides by the weights of the items that have data. Move them live on the scorecards page.</p>
      </section>
      <section className="panel" id="sampling" aria-labelledby="sampling-h">
        <h2 id="sampling-h">Sampling and windows</h2>
        <ul>
          <li data-testid="sampling-note">
            Every slippage, capacity, depth and stress statistic uses at most <strong>{sampling.maxSampledSnapshots.toLocaleString("en-US")}</strong> order-book snapshots, evenly spaced in time over the window (first and last kept); each figure states how many snapshots were in the window and how many were walked.
          </li>
          <li>The slippage-over-time chart walks at most {sampling.maxSeriesPoints} evenly spaced snapshots.</li>
          <li>The slippage-vs-notional curve is computed at {sampling.curveNotionalsUsd.map((n) => `$${n.toLocaleString("en-US")}`).join(", ")} and the target notional.</li>
          <li>Capacity uses a {sampling.capacityBudgetBps} bps slippage budget; the all-in cost&apos;s funding carry assumes a {sampling.carryHoldingHours} h holding period.</li>
          <li>Window presets (7, 30, 90, 365 days, all) count back from each data kind&apos;s latest stored record: recorded and simulated data are not &ldquo;now&rdquo;.</li>
        </ul>
      </section>
      <section className="panel" id="stress" aria-labelledby="stress-h">
        <h2 id="stress-h">Stress rule</h2>
        <p>{r.description}</p>
        <dl className="kv small">
          <dt>Lookback</dt>
          <dd>{r.lookbackMs / 60_000} min</dd>
          <dt>Move percentile</dt>
          <dd>{r.movePercentile}</dd>
          <dt>Spread multiple of median</dt>
          <dd>{r.spreadMultipleOfMedian} ×</dd>
          <dt>Merge gap</dt>
          <dd>{r.mergeGapMs / 60_000} min</dd>
          <dt>Padding</dt>
          <dd>{r.padMs / 60_000} min each side</dd>
        </dl>
      </section>
      <section id="items" aria-labelledby="items-h">
        <h2 id="items-h">Items, sub-metrics and scales</h2>
        {m.items.map((i) => (
          <section key={i.id} className="panel" id={`item-${i.id}`} aria-labelledby={`item-${i.id}-h`}>
            <h3 id={`item-${i.id}-h`}>
              {i.label} <span className="muted small">(<code>{i.id}</code>, default weight {i.defaultWeight})</span>
            </h3>
            <p className="muted">{i.description}</p>
            {i.subMetrics.map((sm) => (
              <div key={sm.id} style={{ marginBottom: 12 }}>
                <strong>{sm.label}</strong> <span className="muted small">({sm.unit})</span>
                {sm.factKey ? (
                  <span className="small">
                    {" "}
                    — curated fact <code>{sm.factKey}</code>
                  </span>
                ) : null}
                <div className="small">{sm.definition}</div>
                {sm.scale ? (
                  <ScaleTable scale={sm.scale} />
                ) : (
                  <div className="small muted">
                    Scored yes → {m.factValueScores.yes}, partial → {m.factValueScores.partial}, no → {m.factValueScores.no}; unknown or not curated → no sub-score, counted 0.
                    {i.id === "transparency" ? ` At the default weights a "yes" adds ${factYesPoints(m).toFixed(2)} points to a venue's total of 100.` : null}
                  </div>
                )}
              </div>
            ))}
          </section>
        ))}
      </section>
      <section className="panel" id="formulas" aria-labelledby="formulas-h">
        <h2 id="formulas-h">Metric formulas</h2>
        {m.formulaGroups.map((g) => (
          <div key={g.id}>
            <h3>{g.title}</h3>
            <ul>
              {g.formulas.map((f) => (
                <li key={f.id} id={`formula-${f.id}`}>
                  <strong>{f.name}</strong>: <span style={{ fontFamily: "ui-monospace, monospace", fontSize: 12.5, overflowWrap: "anywhere" }}>{f.definition}</span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section className="panel" id="scoring" aria-labelledby="scoring-h">
        <h2 id="scoring-h">Scoring</h2>
        <ul>
          {m.scoring.map((f) => (
            <li key={f.id} id={`scoring-${f.id}`}>
              <strong>{f.name}</strong>: {f.definition}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" id="facts" aria-labelledby="facts-h">
        <h2 id="facts-h">Curated fact keys</h2>
        <p className="small">
          {m.factKeys.map((k, i) => (
            <span key={k}>
              {i ? " · " : ""}
              <code>{k}</code>
            </span>
          ))}
        </p>
      </section>
    </>
  );
}

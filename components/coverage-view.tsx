"use client";
// Venues and markets in the database with what data each holds, from where, over which time range
// (the coverage table of the data status page).
import { useQuery } from "@tanstack/react-query";
import { coverageQuery } from "@/lib/queries/coverage";
import type { KindCoverage, VenueCoverage } from "@/lib/views/coverage";
import { fmtInt, fmtRange, fmtUtc } from "@/lib/format";
import { ProvenanceBadge } from "./provenance-badge";
import { childIndent, VenueParentTag } from "./venue-parent-tag";
import { parentVenueOf } from "@/lib/venues/hyperliquid/dex-slug";

function Kind({ cov, published, note, unit }: { cov: KindCoverage; published: boolean | undefined; note?: string; unit: string }) {
  if (cov.count === 0) {
    return published === false ? (
      <span className="nodata" title={note}>
        not published by venue
      </span>
    ) : (
      <span className="nodata">no data</span>
    );
  }
  return (
    <span>
      <strong>{fmtInt(cov.count)}</strong> {unit}
      <br />
      <span className="muted">{fmtRange(cov.from, cov.to)}</span>{" "}
      {cov.provenance.map((p) => (
        <ProvenanceBadge key={p} provenance={p} />
      ))}
    </span>
  );
}

function VenueBlock({ v }: { v: VenueCoverage }) {
  return (
    <section className="panel" data-testid="venue" data-venue={v.slug} data-parent={parentVenueOf(v.slug) ?? undefined} aria-label={v.name} style={childIndent(v.slug) ? { marginLeft: 24 } : undefined}>
      <h3 style={{ marginTop: 0 }}>
        {v.name} <span className={`badge ${v.kind}`}>{v.kind === "dex" ? `DEX${v.chain ? ` · ${v.chain}` : ""}` : "CEX"}</span>{" "}
        <ProvenanceBadge provenance={v.provenance} /> <VenueParentTag slug={v.slug} />
      </h3>
      <p className="muted" style={{ margin: "0 0 8px" }}>
        Fee schedule versions: <Kind cov={v.fees} published={v.has?.fees} note={v.notes.fees} unit="versions" /> · Insurance fund readings:{" "}
        <Kind cov={v.insurance} published={v.has?.insurance} note={v.notes.insurance} unit="readings" />
        {v.lastRun ? (
          <>
            {" "}
            · last ingest: {v.lastRun.kind} {v.lastRun.status} {fmtUtc(v.lastRun.finishedAt)}
          </>
        ) : null}
      </p>
      {v.markets.length === 0 ? (
        <p className="empty">No market data stored yet. Import some with <code>npm run -s venuescope -- ingest --venue {v.slug}</code>.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Market</th>
                <th>Contract</th>
                <th>Order-book snapshots</th>
                <th>Funding records</th>
                <th>Liquidations</th>
                <th>Open interest</th>
              </tr>
            </thead>
            <tbody>
              {v.markets.map((m) => (
                <tr key={m.symbol} data-testid="market-row" data-symbol={m.symbol}>
                  <td>
                    <strong>{m.symbol}</strong>
                    <br />
                    <span className="muted">
                      {m.base}/{m.quote}
                    </span>
                  </td>
                  <td>
                    {m.contractType}, sized in {m.sizeUnit === "base" ? m.base : m.sizeUnit === "usd" ? "USD" : `contracts of ${m.contractSize} ${m.contractType === "inverse" ? "USD" : m.base}`}
                    {m.fundingIntervalHours ? <><br /><span className="muted">funding every {m.fundingIntervalHours} h</span></> : null}
                  </td>
                  <td>
                    <Kind cov={m.depth} published={v.has?.depth} note={v.notes.depth} unit="snapshots" />
                    {m.depth.maxLevels ? (
                      <div className="muted">
                        up to {m.depth.maxLevels} levels/side
                        {m.depth.truncatedShare ? <> · <span className="badge warn">truncated {Math.round(m.depth.truncatedShare * 100)} %</span></> : null}
                        {m.depth.aggregatedShare ? (
                          <>
                            {" "}
                            ·{" "}
                            <span className="badge warn" data-testid="aggregated-books" title={`Levels past the first ${m.depth.exactLevels ?? "?"} a side are coarser price buckets, counted at each bucket's far edge`}>
                              aggregated beyond {m.depth.exactLevels ?? "?"} levels {Math.round(m.depth.aggregatedShare * 100)} %
                            </span>
                          </>
                        ) : null}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <Kind cov={m.funding} published={v.has?.funding} note={v.notes.funding} unit="records" />
                  </td>
                  <td>
                    <Kind cov={m.liquidations} published={v.has?.liquidations} note={v.notes.liquidations} unit="events" />
                  </td>
                  <td>
                    <Kind cov={m.oi} published={v.has?.oi} note={v.notes.oi} unit="readings" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function CoverageView() {
  const { data, error, isLoading } = useQuery(coverageQuery);
  if (isLoading) return <p className="muted">Loading coverage…</p>;
  if (error) return <p role="alert">Could not load coverage: {error.message}</p>;
  const venues = data ?? [];
  return (
    <>
      <p className="muted">Every venue and market stored in this installation, what kinds of data it holds, over which period, and where the data came from.</p>
      {venues.length === 0 ? (
        <div className="panel empty">
          The database holds no venues. Load the bundled dataset with <code>npm run -s venuescope -- bootstrap</code> or ingest live data with{" "}
          <code>npm run -s venuescope -- ingest --venue binance-usdm</code>.
        </div>
      ) : (
        <>
          <p data-testid="summary">
            {venues.length} venues · {venues.reduce((s, v) => s + v.markets.length, 0)} markets with data
          </p>
          {venues.map((v) => (
            <VenueBlock key={v.slug} v={v} />
          ))}
        </>
      )}
    </>
  );
}

// Hyperliquid's builder-deployed (HIP-3) perp dexes: the perpDexs list (discovery) and perpDexLimits
// (OI caps), parsed into records, and the facts each dex venue carries from them. Only what the bodies
// state becomes a fact, quoted from the body; what a body leaves out stays unknown. No I/O.
import type { FactInput } from "../../facts/schema";
import type { Rejection } from "../types";
import { rejectionFromError } from "../parse-helpers";
import { PerpDexEntry, PerpDexLimitsBody, PerpDexsBody } from "./schemas";
import { hip3Slug, isSluggableDexName } from "./dex-slug";

/** Where the perpDexs and perpDexLimits bodies are documented (the facts' source). */
export const PERPETUALS_INFO_URL = "https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals";
/** The official domains a dex venue's facts are sourced from: Hyperliquid's own (the bodies come from its API). */
export const HYPERLIQUID_DOMAINS = ["hyperliquid.xyz", "hyperliquid.gitbook.io", "github.com/hyperliquid-dex"] as const;

export interface PerpDex {
  /** Position in the perpDexs list (the main dex is 0); builder dexes start at 1. */
  index: number;
  name: string;
  fullName: string | null;
  deployer: string;
  oracleUpdater: string | null;
  feeRecipient: string | null;
  /** [coin, cap] as the body writes them; null when the body has no such field. */
  streamingOiCaps: [string, string][] | null;
  fundingMultipliers: [string, string][] | null;
}

export interface PerpDexLimits {
  totalOiCap: string;
  oiSzCapPerPerp: string;
  maxTransferNtl: string | null;
  coinToOiCap: [string, string][];
}

const VENUE = "hyperliquid";
const ctxOf = () => ({ venue: VENUE, markets: new Map(), symbol: null, receivedTs: 0, levelLimit: null });

/**
 * Every builder dex in a perpDexs body. Entry 0 (null) is the main dex and is skipped; a malformed entry
 * or a name that makes no venue slug is rejected by index, the others kept.
 */
export function parsePerpDexs(body: unknown): { dexes: PerpDex[]; rejected: Rejection[] } {
  const list = PerpDexsBody.safeParse(body);
  if (!list.success) return { dexes: [], rejected: [{ ...rejectionFromError(list.error, ctxOf(), null, null), field: "perpDexs", message: "perpDexs: not a list" }] };
  const dexes: PerpDex[] = [];
  const rejected: Rejection[] = [];
  list.data.forEach((raw, index) => {
    if (raw === null) return; // the main dex
    const e = PerpDexEntry.safeParse(raw);
    if (!e.success) {
      rejected.push({ ...rejectionFromError(e.error, ctxOf(), null, index), message: `perpDexs[${index}]: ${rejectionFromError(e.error, ctxOf(), null, index).message}` });
      return;
    }
    if (!isSluggableDexName(e.data.name)) {
      rejected.push({ venue: VENUE, symbol: null, field: "name", message: `perpDexs[${index}]: dex name ${JSON.stringify(e.data.name)} makes no venue slug (lower-case letters and digits, at most 6)`, index });
      return;
    }
    dexes.push({
      index,
      name: e.data.name,
      fullName: e.data.fullName ?? null,
      deployer: e.data.deployer.toLowerCase(),
      oracleUpdater: e.data.oracleUpdater?.toLowerCase() ?? null,
      feeRecipient: e.data.feeRecipient?.toLowerCase() ?? null,
      streamingOiCaps: e.data.assetToStreamingOiCap ?? null,
      fundingMultipliers: e.data.assetToFundingMultiplier ?? null,
    });
  });
  return { dexes, rejected };
}

/** A perpDexLimits body; null for the body `null` (main dex or unknown name), a rejection when malformed. */
export function parsePerpDexLimits(body: unknown, dex: string): { limits: PerpDexLimits | null; rejected: Rejection[] } {
  if (body === null) return { limits: null, rejected: [] };
  const r = PerpDexLimitsBody.safeParse(body);
  if (!r.success) {
    const rej = rejectionFromError(r.error, { ...ctxOf(), venue: isSluggableDexName(dex) ? hip3Slug(dex) : VENUE }, null, null);
    return { limits: null, rejected: [{ ...rej, message: `perpDexLimits (dex "${dex}"): ${rej.message}` }] };
  }
  const wrong = r.data.coinToOiCap.find(([coin]) => !coin.startsWith(`${dex}:`));
  if (wrong) return { limits: null, rejected: [{ venue: hip3Slug(dex), symbol: wrong[0], field: "coinToOiCap", message: `perpDexLimits for dex "${dex}" lists ${wrong[0]}, a coin of another dex`, index: null }] };
  return { limits: { totalOiCap: r.data.totalOiCap, oiSzCapPerPerp: r.data.oiSzCapPerPerp, maxTransferNtl: r.data.maxTransferNtl ?? null, coinToOiCap: r.data.coinToOiCap }, rejected: [] };
}

/** Where the bodies behind a dex's facts came from, and when (ISO date or date-time). */
export interface FactProvenance {
  asOf: string;
  /** e.g. "live POST /info at 2026-12-06T02:00Z" or "recorded body, tests/fixtures/…". */
  origin: string;
}

const pairs = (list: [string, string][]) => list.map(([c, v]) => `${c} ${v}`).join("; ");
const quoteOf = (key: string, value: unknown) => `"${key}":${JSON.stringify(value)}`;

/**
 * The facts of one dex venue from its perpDexs entry and (when fetched) its perpDexLimits body: deployer,
 * oracle updater, fee recipient, OI caps, funding multipliers. A field the body gives as null or leaves
 * out is an unknown fact saying so, never a guess.
 */
export function hip3Facts(dex: PerpDex, limits: PerpDexLimits | null, p: FactProvenance, limitsProvenance: FactProvenance | null = p): FactInput[] {
  const from = (what: string, prov: FactProvenance) => `From POST /info {"type":"${what}"${what === "perpDexLimits" ? `, "dex":"${dex.name}"` : ""}} (${prov.origin}).`;
  const known = (item: FactInput["item"], key: string, value: string, quote: string, what = "perpDexs", prov = p): FactInput => ({ item, key, status: "known", value, sourceUrl: PERPETUALS_INFO_URL, quote, asOf: prov.asOf, note: from(what, prov) });
  const unknown = (item: FactInput["item"], key: string, note: string, prov = p): FactInput => ({ item, key, status: "unknown", value: "unknown", sourceUrl: null, quote: null, asOf: prov.asOf, note });
  const facts: FactInput[] = [
    known("governance", "hip3.dex", `builder-deployed perp dex "${dex.name}"${dex.fullName ? ` (${dex.fullName})` : ""}, entry ${dex.index} of perpDexs`, quoteOf("name", dex.name)),
    known("governance", "hip3.deployer", dex.deployer, quoteOf("deployer", dex.deployer)),
    dex.oracleUpdater
      ? known("transparency", "hip3.oracle_updater", dex.oracleUpdater, quoteOf("oracleUpdater", dex.oracleUpdater))
      : unknown("transparency", "hip3.oracle_updater", `perpDexs gives oracleUpdater as null for this dex; the body does not say which address sets its oracle prices. ${from("perpDexs", p)}`),
    dex.feeRecipient
      ? known("fees", "hip3.fee_recipient", dex.feeRecipient, quoteOf("feeRecipient", dex.feeRecipient))
      : unknown("fees", "hip3.fee_recipient", `perpDexs gives feeRecipient as null for this dex. ${from("perpDexs", p)}`),
  ];
  if (dex.streamingOiCaps && dex.streamingOiCaps.length > 0) {
    facts.push(known("margin", "hip3.streaming_oi_caps", `${dex.streamingOiCaps.length} asset(s): ${pairs(dex.streamingOiCaps)}`, quoteOf("assetToStreamingOiCap", dex.streamingOiCaps.slice(0, 3))));
  } else {
    facts.push(unknown("margin", "hip3.streaming_oi_caps", `perpDexs lists no assetToStreamingOiCap entries for this dex. ${from("perpDexs", p)}`));
  }
  if (dex.fundingMultipliers && dex.fundingMultipliers.length > 0) {
    facts.push(known("funding", "hip3.funding_multipliers", `${dex.fundingMultipliers.length} asset(s): ${pairs(dex.fundingMultipliers)}`, quoteOf("assetToFundingMultiplier", dex.fundingMultipliers.slice(0, 3))));
  } else {
    facts.push(unknown("funding", "hip3.funding_multipliers", `${dex.fundingMultipliers ? "perpDexs lists no assetToFundingMultiplier entries" : "This perpDexs body has no assetToFundingMultiplier field"} for this dex. ${from("perpDexs", p)}`));
  }
  const lp = limitsProvenance ?? p;
  if (limits) {
    facts.push(
      known("margin", "hip3.total_oi_cap", limits.totalOiCap, quoteOf("totalOiCap", limits.totalOiCap), "perpDexLimits", lp),
      known("margin", "hip3.oi_size_cap_per_perp", limits.oiSzCapPerPerp, quoteOf("oiSzCapPerPerp", limits.oiSzCapPerPerp), "perpDexLimits", lp),
      limits.coinToOiCap.length > 0
        ? known("margin", "hip3.coin_oi_caps", `${limits.coinToOiCap.length} coin(s): ${pairs(limits.coinToOiCap)}`, quoteOf("coinToOiCap", limits.coinToOiCap.slice(0, 3)), "perpDexLimits", lp)
        : unknown("margin", "hip3.coin_oi_caps", `perpDexLimits lists no coinToOiCap entries. ${from("perpDexLimits", lp)}`, lp),
    );
  } else {
    const why = `No perpDexLimits body for dex "${dex.name}" was available (${lp.origin}); its total OI cap, per-perp size cap and per-coin caps are not known here.`;
    facts.push(unknown("margin", "hip3.total_oi_cap", why, lp), unknown("margin", "hip3.oi_size_cap_per_perp", why, lp), unknown("margin", "hip3.coin_oi_caps", why, lp));
  }
  return facts;
}

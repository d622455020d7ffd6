"use client";
// Where a venue is listed under another: a Hyperliquid builder-deployed (HIP-3) dex carries a tag linking
// to Hyperliquid, and Hyperliquid's page links its dexes. Each dex is scored as a venue of its own; this only groups.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { coverageQuery } from "@/lib/queries/coverage";
import { hip3DexOfSlug, HYPERLIQUID_SLUG, parentVenueOf } from "@/lib/venues/hyperliquid/dex-slug";

/** `compact`: the short "HIP-3" mark for tight rows (the compare picker), where the indented name already groups. */
export function VenueParentTag({ slug, compact = false }: { slug: string; compact?: boolean }) {
  const parent = parentVenueOf(slug);
  if (!parent) return null;
  const title = `Builder-deployed (HIP-3) perp dex "${hip3DexOfSlug(slug)}" on Hyperliquid: its own markets, margin tables, oracle and OI caps, scored as a venue of its own`;
  return (
    <span className="badge dex" data-testid="venue-parent" data-parent={parent} title={title}>
      {compact ? "HIP-3" : <>HIP-3 dex of <Link href={`/venues/${parent}`}>Hyperliquid</Link></>}
    </span>
  );
}

/** Indent a venue listed under another in a list ordered by name (its name sorts right after its parent's). */
export const childIndent = (slug: string) => (parentVenueOf(slug) ? { paddingLeft: 14 } : undefined);

/** On a parent venue's page (Hyperliquid): the venues listed under it, from the stored venues. */
export function ChildVenueLinks({ slug }: { slug: string }) {
  const venues = useQuery({ ...coverageQuery, enabled: slug === HYPERLIQUID_SLUG });
  const children = (venues.data ?? []).filter((v) => parentVenueOf(v.slug) === slug);
  if (children.length === 0) return null;
  return (
    <p className="muted small" style={{ margin: "4px 0 0" }} data-testid="child-venues">
      Builder-deployed (HIP-3) dexes listed under it, each scored as a venue of its own:{" "}
      {children.map((v, i) => (
        <span key={v.slug}>
          {i > 0 ? ", " : ""}
          <Link href={`/venues/${v.slug}`}>{v.name}</Link>
        </span>
      ))}
    </p>
  );
}

// Where a venue is listed under another: a Hyperliquid builder-deployed (HIP-3) dex carries a tag linking
// to Hyperliquid. The dex is scored as a venue of its own; the tag only groups it.
import Link from "next/link";
import { hip3DexOfSlug, parentVenueOf } from "@/lib/venues/hyperliquid/dex-slug";

export function VenueParentTag({ slug }: { slug: string }) {
  const parent = parentVenueOf(slug);
  if (!parent) return null;
  return (
    <span className="badge dex" data-testid="venue-parent" data-parent={parent} title={`Builder-deployed (HIP-3) perp dex "${hip3DexOfSlug(slug)}" on Hyperliquid: its own markets, margin tables, oracle and OI caps, scored as a venue of its own`}>
      HIP-3 dex of <Link href={`/venues/${parent}`}>Hyperliquid</Link>
    </span>
  );
}

/** Indent a venue listed under another in a list ordered by name (its name sorts right after its parent's). */
export const childIndent = (slug: string) => (parentVenueOf(slug) ? { paddingLeft: 14 } : undefined);

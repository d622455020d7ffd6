// Hyperliquid's builder-deployed (HIP-3) perp dexes as venues of their own: dex "xyz" is venue
// "hyperliquid-xyz", listed under Hyperliquid. Pure and client-safe (pages group venues with it).

export const HYPERLIQUID_SLUG = "hyperliquid";
const PREFIX = `${HYPERLIQUID_SLUG}-`;

/**
 * Dex names that make a venue slug: lower-case letters and digits, at most 6 characters ("dex - Name of
 * the perp dex (<= 6 characters)", https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/hip-3-deployer-actions).
 * Names outside it (testnet has mixed-case ones) are reported at discovery, never rewritten into a slug.
 */
const DEX_NAME = /^[a-z0-9]{1,6}$/;

export function isSluggableDexName(dex: string): boolean {
  return DEX_NAME.test(dex);
}

export function hip3Slug(dex: string): string {
  if (!isSluggableDexName(dex)) throw new Error(`hyperliquid: dex name ${JSON.stringify(dex)} is not usable as a venue slug (lower-case letters and digits, at most 6)`);
  return `${PREFIX}${dex}`;
}

/** The dex a HIP-3 venue slug names ("hyperliquid-xyz" -> "xyz"), or null for any other slug. */
export function hip3DexOfSlug(slug: string): string | null {
  if (!slug.startsWith(PREFIX)) return null;
  const dex = slug.slice(PREFIX.length);
  return isSluggableDexName(dex) ? dex : null;
}

/** The venue a venue is listed under in the UI (HIP-3 dexes under Hyperliquid), or null. */
export function parentVenueOf(slug: string): string | null {
  return hip3DexOfSlug(slug) === null ? null : HYPERLIQUID_SLUG;
}

/** The display name of a dex venue: sorts right after "Hyperliquid", so name-ordered lists group it there. */
export function hip3VenueName(dex: string): string {
  return `Hyperliquid · ${dex}`;
}

// Official-source rule (pure): a fact's source must be an https URL on one of the venue's official domains
// (a listed domain covers its subdomains; an entry with a path, e.g. "github.com/hyperliquid-dex", covers
// only that GitHub org), or the fact carries an explicit third-party mark with a reason.
import { z } from "zod";

/** An https URL; `javascript:`, `data:`, `http:` and anything else are refused. */
export const HttpsUrl = z
  .string()
  .trim()
  .url("must be a URL")
  .refine((u) => {
    try {
      return new URL(u).protocol === "https:";
    } catch {
      return false;
    }
  }, "must be an https:// URL (http:, javascript: and data: URLs are refused)");

/** A domain ("okx.com") or a domain with a path prefix for a code-host org ("github.com/okxapi"). */
export const OfficialDomain = z
  .string()
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/[A-Za-z0-9._-]+)?$/, "an official domain is a lower-case host name, optionally with one path segment (a GitHub org), e.g. okx.com or github.com/okxapi");

export const ThirdPartyMark = z.object({ reason: z.string().trim().min(10, "say why the source is third-party (at least 10 characters)") });

export function isOfficialUrl(url: string, domains: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== "https:") return false;
  const host = u.hostname.toLowerCase();
  return domains.some((d) => {
    const slash = d.indexOf("/");
    const domain = slash < 0 ? d : d.slice(0, slash);
    const prefix = slash < 0 ? null : d.slice(slash + 1).toLowerCase();
    const onHost = host === domain || host.endsWith(`.${domain}`);
    if (!onHost) return false;
    if (prefix === null) return true;
    return u.pathname.toLowerCase().split("/")[1] === prefix;
  });
}

/** The host (and org for code hosts) a reader should see beside a link. */
export function sourceHost(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

"use client";
// The main navigation; marks the current section with aria-current.
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Scorecards", match: (p: string) => p === "/" || p.startsWith("/venues") },
  { href: "/compare", label: "Compare", match: (p: string) => p.startsWith("/compare") },
  { href: "/methodology", label: "Methodology", match: (p: string) => p.startsWith("/methodology") },
  { href: "/data", label: "Data status", match: (p: string) => p.startsWith("/data") },
  { href: "/stress", label: "Stress tests", match: (p: string) => p.startsWith("/stress") },
  { href: "/reports", label: "Reports", match: (p: string) => p.startsWith("/reports") },
];

export function SiteNav() {
  const path = usePathname() ?? "/";
  return (
    <nav aria-label="Main">
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href} aria-current={l.match(path) ? "page" : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}

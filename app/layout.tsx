import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { headers } from "next/headers";
import "./globals.css";
import { Providers } from "./providers";
import { SiteNav } from "@/components/site-nav";
import { ThemeToggle, THEME_SCRIPT } from "@/components/theme-toggle";

export const metadata: Metadata = {
  title: "Venuescope — perpetual-futures venue due diligence",
  description: "Depth, slippage, funding, liquidation mechanics, fees and resiliency of perpetual-futures venues, with the evidence behind every number.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The per-request CSP nonce from proxy.ts (reading it makes every page dynamic, which nonces require).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The inline script sets data-theme from localStorage before the first paint; without a stored choice the
    // CSS follows prefers-color-scheme. suppressHydrationWarning: the attribute differs from the server's HTML.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <a className="sr-only" href="#main">
          Skip to content
        </a>
        <header className="site">
          <Link href="/" className="brand">
            Venuescope
          </Link>
          <SiteNav />
          <span className="spacer" />
          <ThemeToggle />
        </header>
        <Providers>
          <main id="main">{children}</main>
        </Providers>
      </body>
    </html>
  );
}

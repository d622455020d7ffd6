import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: "Venuescope — perpetual-futures venue due diligence",
  description: "Depth, slippage, funding, liquidation mechanics, fees and resiliency of perpetual-futures venues, with the evidence behind every number.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site">
          <Link href="/" className="brand">
            Venuescope
          </Link>
          <nav aria-label="Main">
            <Link href="/">Venues &amp; data</Link>
          </nav>
        </header>
        <Providers>
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}

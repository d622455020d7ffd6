/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  // Content-Security-Policy (with a per-request script nonce) is set by proxy.ts, lib/csp.ts.
];

const nextConfig = {
  // ccxt's protobuf code does not bundle; better-sqlite3, pg and Prisma are external by default; the driver adapters are listed too.
  serverExternalPackages: ["ccxt", "better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pdfkit"],
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;

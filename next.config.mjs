/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Content-Security-Policy",
    value: "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  },
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

// Failures a service reports in its own terms; each caller answers them in its own (a route handler with an
// HTTP status, see lib/api/handler.ts; the CLI with a message), so services know nothing of HTTP.
import "server-only";

/** The thing asked for (a venue, a saved report) does not exist. */
export class NotFoundError extends Error {}

// Webhook alerts: each change event of a real venue not yet delivered is POSTed as JSON to ALERT_WEBHOOK_URL,
// after the transaction that recorded it has committed (never inside it). Transient failures (network errors,
// timeouts, 5xx, 429 with Retry-After) are retried with backoff by the code base's one retry loop
// (lib/venues/retry.ts); a permanent one (another 4xx) is not. Once accepted, the event's alertedAt is set and it
// is never sent again; a failed one keeps its error and is tried again by the next delivery, up to
// MAX_ALERT_ATTEMPTS HTTP attempts. A sender claims an event before POSTing it, so two processes never send it
// both; a sender that dies mid-POST leaves a claim that lapses after CLAIM_LEASE_MS and the event is sent again
// with the same Idempotency-Key header (its dedupeKey), so a receiver can drop the repeat.
// Simulated venues' events are never sent.
import "server-only";
import type { Db } from "../db";
import { classifyFailure, HttpStatusError, parseRetryAfterMs } from "../venues/http-failure";
import { withRetry, type RetryOptions } from "../venues/retry";

export const MAX_ALERT_ATTEMPTS = 12;
export const ALERT_TIMEOUT_MS = 10_000;
export const CLAIM_LEASE_MS = 5 * 60_000;
/** Events per delivery (oldest first); the rest wait for the next. */
export const ALERT_BATCH = 100;

export interface DeliverOptions {
  /** The webhook; null or undefined: nothing is sent (events stay pending). */
  url: string | null | undefined;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  now?: () => number;
  limit?: number;
}

export interface DeliveryResult {
  /** The webhook's origin (never its path, which often holds a secret), or null when none is configured. */
  webhook: string | null;
  sent: number;
  failed: number;
  /** Events of real venues still waiting after this delivery (failed ones below the attempt limit included). */
  pending: number;
  errors: { id: number; error: string }[];
}

/** The JSON body POSTed for one event. */
export interface AlertPayload {
  id: number;
  dedupeKey: string;
  venue: string;
  venueName: string;
  kind: string;
  subject: string | null;
  occurredAt: string;
  detectedAt: string;
  summary: string;
  details: unknown;
  provenance: string;
}

const pendingWhere = (now: number) => ({
  alertedAt: null,
  provenance: { not: "simulated" as const },
  alertAttempts: { lt: MAX_ALERT_ATTEMPTS },
  OR: [{ alertClaimedAt: null }, { alertClaimedAt: { lt: new Date(now - CLAIM_LEASE_MS) } }],
});

/** The webhook as it may be shown or stored: its origin only. */
export function webhookLabel(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "the webhook";
  }
}

/** The failure as stored and shown: its message with the network code under it ("fetch failed (ECONNREFUSED)"), the webhook's path left out. */
function describeFailure(err: unknown, url: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  const text = typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message;
  return text.split(url).join(`${webhookLabel(url)}/…`).slice(0, 500);
}

async function post(fetchImpl: typeof fetch, url: string, payload: AlertPayload, timeoutMs: number): Promise<void> {
  const res = await fetchImpl(url, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": payload.dedupeKey, "user-agent": "venuescope-alerts" },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(timeoutMs),
    redirect: "error",
  });
  const text = await res.text().catch(() => "");
  if (!res.ok) throw new HttpStatusError(res.status, url, parseRetryAfterMs(res.headers.get("retry-after")), text.slice(0, 200));
}

export async function deliverPendingAlerts(db: Db, opts: DeliverOptions): Promise<DeliveryResult> {
  const now = opts.now ?? Date.now;
  const count = () => db.changeEvent.count({ where: pendingWhere(now()) });
  if (!opts.url) return { webhook: null, sent: 0, failed: 0, pending: await count(), errors: [] };
  const url = opts.url;
  const fetchImpl = opts.fetchImpl ?? fetch;
  const result: DeliveryResult = { webhook: webhookLabel(url), sent: 0, failed: 0, pending: 0, errors: [] };
  const events = await db.changeEvent.findMany({ where: pendingWhere(now()), orderBy: { id: "asc" }, take: opts.limit ?? ALERT_BATCH, include: { venue: { select: { slug: true, name: true } } } });
  for (const e of events) {
    // Claim: only the sender whose conditional update matched POSTs the event.
    const claimed = await db.changeEvent.updateMany({ where: { id: e.id, ...pendingWhere(now()) }, data: { alertClaimedAt: new Date(now()) } });
    if (claimed.count !== 1) continue;
    let details: unknown = null;
    try {
      details = JSON.parse(e.details);
    } catch {
      details = null;
    }
    const payload: AlertPayload = { id: e.id, dedupeKey: e.dedupeKey, venue: e.venue.slug, venueName: e.venue.name, kind: e.kind, subject: e.subject, occurredAt: e.occurredAt.toISOString(), detectedAt: e.detectedAt.toISOString(), summary: e.summary, details, provenance: e.provenance };
    let tries = 0;
    try {
      await withRetry(
        (attempt) => {
          tries = attempt;
          return post(fetchImpl, url, payload, opts.timeoutMs ?? ALERT_TIMEOUT_MS);
        },
        { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000, ...opts.retry },
      );
      await db.changeEvent.update({ where: { id: e.id }, data: { alertedAt: new Date(now()), alertAttempts: { increment: tries }, alertError: null, alertClaimedAt: null } });
      result.sent++;
    } catch (err) {
      const error = describeFailure(err, url);
      await db.changeEvent.update({ where: { id: e.id }, data: { alertAttempts: { increment: Math.max(1, tries) }, alertError: error, alertClaimedAt: null } });
      result.failed++;
      result.errors.push({ id: e.id, error });
      // The webhook is down or throttling: the rest wait for the next delivery instead of each retrying in turn.
      // A refusal of this one event (another 4xx) does not hold the others back.
      if (classifyFailure(err).transient) break;
    }
  }
  result.pending = await count();
  return result;
}

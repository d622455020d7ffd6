// The change-events view (/api/events, the "Changes" section of /data, `venuescope alerts`): its query and what
// it answers. Client-safe: zod and constants only. lib/services/change-events.ts computes it.
import { z } from "zod";
import { MAX_ROW_ID, zVenueSlug } from "./params";

export const CHANGE_EVENT_KINDS = ["fee-schedule", "margin-tiers", "funding-interval", "funding-cap", "incident", "rank-move"] as const;
export type ChangeEventKind = (typeof CHANGE_EVENT_KINDS)[number];

export const CHANGE_KIND_LABELS: Record<ChangeEventKind, string> = {
  "fee-schedule": "Fee schedule",
  "margin-tiers": "Margin tiers",
  "funding-interval": "Funding interval",
  "funding-cap": "Funding cap",
  incident: "Incident",
  "rank-move": "Rank move",
};

export const MAX_CHANGE_EVENTS = 200;
export const DEFAULT_CHANGE_EVENTS = 50;

/**
 * Newest detected first. `before` is the id to page back from (the answer's `nextBefore`). Simulated venues'
 * events are left out unless asked for: `simulated=show` lists them too, `only` lists nothing else.
 */
export const ChangeEventsQuery = z.object({
  venue: zVenueSlug.optional(),
  kind: z.enum(CHANGE_EVENT_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_CHANGE_EVENTS, `at most ${MAX_CHANGE_EVENTS} events per page`).default(DEFAULT_CHANGE_EVENTS),
  before: z.coerce.number().int().positive().max(MAX_ROW_ID, "no such id").optional(),
  simulated: z.enum(["hide", "show", "only"]).default("hide"),
});
export type ChangeEventsQuery = z.infer<typeof ChangeEventsQuery>;
export type ChangeEventsQueryInput = z.input<typeof ChangeEventsQuery>;

export interface ChangeEventView {
  id: number;
  venue: { slug: string; name: string };
  kind: ChangeEventKind;
  /** Market symbol; null for a venue-wide change. */
  subject: string | null;
  /** Data time of the change, ISO UTC. */
  occurredAt: string;
  detectedAt: string;
  summary: string;
  /** {before, after, …} as recorded. */
  details: unknown;
  /** live | recorded | simulated: a simulated venue's event is never a real venue's. */
  provenance: string;
  alert: { alertedAt: string | null; attempts: number; error: string | null };
}

export interface ChangeEventsAnswer {
  events: ChangeEventView[];
  /** Pass as `before` for the next (older) page; null when this page is the last. */
  nextBefore: number | null;
}

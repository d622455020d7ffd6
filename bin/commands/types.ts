export interface CommandResult {
  ok: boolean;
  /** The one-line summary printed without --json. */
  summary: string;
  /** What --json prints. */
  json: unknown;
}

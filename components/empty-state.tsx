// An empty state that says what is missing and the CLI command that fills it.
import type { ReactNode } from "react";

export function EmptyState({ children, command }: { children: ReactNode; command?: string | string[] }) {
  const cmds = command === undefined ? [] : Array.isArray(command) ? command : [command];
  return (
    <div className="empty" data-testid="empty">
      <p style={{ margin: "0 0 6px" }}>{children}</p>
      {cmds.map((c) => (
        <p key={c} style={{ margin: "2px 0" }}>
          <code>{c}</code>
        </p>
      ))}
    </div>
  );
}

export const CLI = {
  bootstrap: "npm run -s venuescope -- bootstrap",
  simulate: "npm run -s venuescope -- simulate --days 60 --cadence 15m",
  ingest: (venue: string, what = "") => `npm run -s venuescope -- ingest --venue ${venue}${what}`,
};

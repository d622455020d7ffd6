"use client";
// Sign in with the admin token (kept only in an httpOnly cookie), or sign out.
import { useEffect, useState } from "react";

export function AdminForm() {
  const [state, setState] = useState<{ required: boolean; signedIn: boolean } | null>(null);
  const [token, setToken] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => fetch("/api/admin/session").then((r) => r.json()).then(setState);
  useEffect(() => {
    refresh();
  }, []);
  if (!state) return <p className="muted">Checking…</p>;
  if (!state.required) return <p data-testid="admin-state">This installation has no admin token configured: every action is open. Set <code>ADMIN_TOKEN</code> to require one.</p>;
  return (
    <div className="panel">
      <p data-testid="admin-state">{state.signedIn ? "Signed in: fact edits, weight profiles and reports can be saved from this browser." : "Saving fact edits, weight profiles and reports needs the admin token."}</p>
      {state.signedIn ? (
        <button type="button" onClick={() => fetch("/api/admin/session", { method: "DELETE" }).then(refresh)}>
          Sign out
        </button>
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const res = await fetch("/api/admin/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) });
            const body = await res.json();
            setMessage(res.ok ? null : (body.error ?? "sign-in failed"));
            setToken("");
            refresh();
          }}
        >
          <label htmlFor="admin-token">Admin token</label>{" "}
          <input id="admin-token" type="password" autoComplete="current-password" value={token} onChange={(e) => setToken(e.target.value)} />{" "}
          <button type="submit">Sign in</button>
          {message ? <p role="alert">{message}</p> : null}
        </form>
      )}
    </div>
  );
}

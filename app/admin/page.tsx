import { AdminForm } from "./admin-form";

export const metadata = { title: "Admin sign-in — Venuescope" };

export default function AdminPage() {
  return (
    <>
      <h1>Admin</h1>
      <p className="muted">When the server runs with <code>ADMIN_TOKEN</code>, changes (fact edits, saved weight profiles, reports) need it. The token is kept in an httpOnly cookie for 12 hours.</p>
      <AdminForm />
    </>
  );
}

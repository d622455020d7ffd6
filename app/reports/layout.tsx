import type { ReactNode } from "react";
import "./reports.css";

export default function ReportsLayout({ children }: { children: ReactNode }) {
  return <div className="reports-page">{children}</div>;
}

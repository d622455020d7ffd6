"use client";
// Light/dark theme: a choice stored in localStorage ("system" follows prefers-color-scheme), applied as
// data-theme on <html>. THEME_SCRIPT applies the stored choice before the first paint.
import { useEffect, useState } from "react";

const KEY = "venuescope-theme";
type Theme = "system" | "light" | "dark";

export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem("${KEY}");if(t==="light"||t==="dark")document.documentElement.setAttribute("data-theme",t)}catch(e){}})()`;

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => {
    const stored = window.localStorage.getItem(KEY);
    if (stored === "light" || stored === "dark") setTheme(stored);
  }, []);
  function choose(t: Theme) {
    setTheme(t);
    try {
      if (t === "system") window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, t);
    } catch {
      /* storage unavailable: the choice lasts for this page only */
    }
    if (t === "system") document.documentElement.removeAttribute("data-theme");
    else document.documentElement.setAttribute("data-theme", t);
  }
  return (
    <label className="inline small">
      <span className="muted theme-label">Theme</span>
      <select aria-label="Colour theme" value={theme} onChange={(e) => choose(e.target.value as Theme)} data-testid="theme">
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}

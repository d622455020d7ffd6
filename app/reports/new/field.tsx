"use client";
// A labelled form control with its hint and server-side error, wired for screen readers
// (aria-describedby, aria-invalid).
import type { InputHTMLAttributes, ReactNode } from "react";

export type FieldErrors = Record<string, string[]>;

export function errorId(name: string): string {
  return `err-${name.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
}

export function FieldError({ name, errors }: { name: string; errors: FieldErrors }) {
  const msgs = errors[name];
  if (!msgs?.length) return null;
  return (
    <p className="field-error" id={errorId(name)}>
      {msgs.join("; ")}
    </p>
  );
}

export function describedBy(name: string, errors: FieldErrors, hintId?: string): string | undefined {
  return [errors[name]?.length ? errorId(name) : null, hintId].filter(Boolean).join(" ") || undefined;
}

export function Field({ name, label, hint, errors, children, ...input }: { name: string; label: string; hint?: ReactNode; errors: FieldErrors; children?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const hintId = hint ? `hint-${name}` : undefined;
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      {children ?? <input id={`f-${name}`} name={name} aria-invalid={errors[name]?.length ? true : undefined} aria-describedby={describedBy(name, errors, hintId)} {...input} />}
      {hint && (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      )}
      <FieldError name={name} errors={errors} />
    </div>
  );
}

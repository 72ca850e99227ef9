import type { Child } from "hono/jsx";

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  /** The control; give it `id` and, when there is an error, `aria-invalid` / `aria-describedby` (see controlAria). */
  children?: Child;
}

/** Label, control, hint and error in one block, the error tied to the control for screen readers. */
export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div class={error ? "field field--invalid" : "field"}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function controlAria(id: string, error?: string | null, hint?: string) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { "aria-invalid": error ? "true" : undefined, "aria-describedby": describedBy || undefined };
}

/** A form-wide message (wrong password, duplicate candidate…). */
export function FormAlert({ children, tone = "error" }: { children?: Child; tone?: "error" | "success" | "info" }) {
  return (
    <div class={`alert alert--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

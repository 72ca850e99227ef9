/**
 * Placeholders in templates and admin messages: `{{candidate.firstName}}`, with an optional fallback for an empty
 * value, `{{candidate.firstName|there}}`. Filled when the message is sent; an unknown one is refused, naming it.
 */
import { DomainError } from "./errors";

export const PLACEHOLDERS = ["candidate.name", "candidate.firstName", "offer.title", "company.name", "admin.name", "admin.firstName"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

// Spaces inside the braces are allowed ("{{ offer.title }}"); the fallback is any text up to the closing braces.
const PATTERN = /\{\{\s*([A-Za-z][\w.]*)\s*(?:\|([^{}]*))?\}\}/g;

/** The placeholders as written, for error messages: "{{candidate.name}}, {{candidate.firstName}}, …". */
export function knownPlaceholders(): string {
  return PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ");
}

export function hasPlaceholders(text: string): boolean {
  return text.includes("{{");
}

/** Throws `unknown_placeholder` for the first placeholder that is not one of PLACEHOLDERS. */
export function checkPlaceholders(text: string): void {
  for (const match of text.matchAll(PATTERN)) {
    const name = match[1]!;
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      throw new DomainError("unknown_placeholder", `Unknown placeholder {{${name}}}. Use one of: ${knownPlaceholders()}.`, { placeholder: name });
    }
  }
}

export interface PlaceholderSource {
  candidateName: string;
  offerTitle: string;
  companyName: string;
  adminName: string;
}

export function fillPlaceholders(text: string, source: PlaceholderSource): string {
  checkPlaceholders(text);
  const values: Record<Placeholder, string> = {
    "candidate.name": source.candidateName.trim(),
    "candidate.firstName": firstWord(source.candidateName),
    "offer.title": source.offerTitle.trim(),
    "company.name": source.companyName.trim(),
    "admin.name": source.adminName.trim(),
    "admin.firstName": firstWord(source.adminName),
  };
  return text.replace(PATTERN, (_whole, name: Placeholder, fallback?: string) => values[name] || (fallback ?? "").trim());
}

function firstWord(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}

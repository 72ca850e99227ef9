/** Ends a sentence after a name that may end in its own full stop ("Acme s.r.o."), without doubling it. */
export function period(text: string): string {
  return text.endsWith(".") ? text : `${text}.`;
}

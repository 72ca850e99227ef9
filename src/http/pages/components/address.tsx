/**
 * An email address that may wrap where a reader expects it to: before the "@" and after each dot, instead of
 * mid-word. A part longer than its box still breaks anywhere (the CSS around it says `overflow-wrap: anywhere`).
 */
export function Address({ email }: { email: string }) {
  const at = email.lastIndexOf("@");
  const local = at < 0 ? email : email.slice(0, at);
  const domain = at < 0 ? "" : email.slice(at);
  return (
    <>
      {breakAfterDots(local)}
      {domain ? <wbr /> : null}
      {breakAfterDots(domain)}
    </>
  );
}

function breakAfterDots(text: string) {
  const parts = text.split(/(?<=\.)/);
  return parts.map((part, i) => (i < parts.length - 1 ? [part, <wbr />] : part));
}

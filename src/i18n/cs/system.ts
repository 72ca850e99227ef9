/** Texts of system messages, stored in the company's language. */
export const system = {
  applied: (candidate: string, offer: string) => `${candidate} se přihlásil(a) na pozici ${offer}.`,
  added: (candidate: string, admin: string) => `${admin} přidal(a) kandidáta ${candidate}.`,
  rejected: (admin: string) => `${admin} přihlášku zamítl(a). Kandidát už nemůže psát.`,
  reopened: (admin: string) => `${admin} přihlášku znovu otevřel(a).`,
};

import type { system as cs } from "../cs/system";

export const system: typeof cs = {
  applied: (candidate, offer) => `${candidate} applied for ${offer}.`,
  added: (candidate, admin) => `${admin} added ${candidate} as a candidate.`,
  rejected: (admin) => `The application was closed (${admin}).`,
  reopened: (admin) => `The application was reopened (${admin}).`,
  erasureRequested: "Asks for their personal data to be erased.",
};

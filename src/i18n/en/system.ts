import type { system as cs } from "../cs/system";

export const system: typeof cs = {
  applied: (candidate, offer) => `${candidate} applied for ${offer}.`,
  added: (candidate, admin) => `${admin} added ${candidate} as a candidate.`,
  rejected: (admin) => `${admin} rejected the application. The candidate can no longer write.`,
  reopened: (admin) => `${admin} reopened the application.`,
};

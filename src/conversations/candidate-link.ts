import { base64url, hmacSha256, timingSafeEqual } from "../accounts/crypto";

// Token = "<applicationId>.<linkVersion>.<mac>"; bumping the application's link_version revokes older links.
export async function candidateToken(secret: string, applicationId: number, linkVersion: number): Promise<string> {
  return `${applicationId}.${linkVersion}.${await mac(secret, applicationId, linkVersion)}`;
}

/** The token's claims if its signature holds; the caller still checks linkVersion against the application. */
export async function readCandidateToken(secret: string, token: string): Promise<{ applicationId: number; linkVersion: number } | null> {
  const match = /^(\d{1,15})\.(\d{1,9})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const applicationId = Number(match[1]);
  const linkVersion = Number(match[2]);
  return timingSafeEqual(await mac(secret, applicationId, linkVersion), match[3]!) ? { applicationId, linkVersion } : null;
}

export function candidateUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/$/, "")}/c/${token}`;
}

async function mac(secret: string, applicationId: number, linkVersion: number): Promise<string> {
  return base64url((await hmacSha256(secret, `candidate-link:${applicationId}:${linkVersion}`)).slice(0, 16));
}

/** The candidate's conversation link for an application (what their emails carry). */
export async function candidateLinkFor(env: { APP_URL: string; LINK_SECRET: string }, application: { id: number; linkVersion: number }): Promise<{ token: string; url: string }> {
  const token = await candidateToken(env.LINK_SECRET, application.id, application.linkVersion);
  return { token, url: candidateUrl(env.APP_URL, token) };
}

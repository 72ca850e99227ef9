import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { JSX } from "hono/jsx/jsx-runtime";

/**
 * Sends a page. Pages show private conversations, so nothing is cached (not even for the back button after
 * signing out).
 */
export async function render(c: Context, page: JSX.Element, status: ContentfulStatusCode = 200): Promise<Response> {
  c.header("Cache-Control", "private, no-store");
  return c.html(`<!doctype html>${(await page).toString()}`, status);
}

/** POST → redirect → GET, so reloading the result does not submit the form again. */
export function seeOther(c: Context, location: string): Response {
  return c.redirect(location, 303);
}

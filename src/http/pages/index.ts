import { Hono } from "hono";
import type { AppContext } from "../types";
import { adminPages } from "./admin";
import { candidatePages } from "./candidate";
import { pageError } from "./errors";
import { invitePages } from "./invite";
import { languageSwitch } from "./locale";
import { loginPages } from "./login";
import { signupPages } from "./signup";
import { offerPages } from "./public-offer";

/**
 * The server-rendered pages (hono/jsx), usable without JavaScript; /client.js enhances them where it runs.
 * Mounted by the app with `.route("/", pages)`; failures render as pages rather than the API's JSON.
 */
export const pages = new Hono<AppContext>()
  .get("/", (c) => c.redirect("/admin"))
  .route("/", loginPages)
  .route("/", signupPages)
  .route("/", languageSwitch)
  .route("/", offerPages)
  .route("/", candidatePages)
  .route("/", invitePages)
  .route("/admin", adminPages)
  .onError(pageError);

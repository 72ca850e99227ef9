import { Hono } from "hono";
import { seedDemo } from "../../dev/seed";
import { jsonError } from "../errors";
import type { AppContext } from "../types";
import { mailboxRoutes } from "./mailbox";

/** Development-only routes: they answer 404 unless ENVIRONMENT is "development". */
export const devRoutes = new Hono<AppContext>()
  .use(async (c, next) => {
    if (c.env.ENVIRONMENT !== "development") return jsonError(c, 404, "not_found", "There is nothing at this address.");
    return next();
  })
  .post("/seed", async (c) => c.json({ companies: await seedDemo(c.env) }))
  .route("/", mailboxRoutes);

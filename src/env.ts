/**
 * Every binding and setting the Worker reads. The shape is generated from wrangler.toml into
 * worker-configuration.d.ts by `npm run types` (secrets' names from .dev.vars.example; their values
 * via .dev.vars locally and `wrangler secret put` in production):
 *   REPLY_SECRET — HMAC key for reply routing addresses (≥ 80 bits of entropy);
 *   LINK_SECRET  — HMAC key for candidate conversation links.
 *
 * `GlobalEnv` is the generated global `Env` (an export specifier adds no local name, so `Env` here is the global one).
 */
type GlobalEnv = Env;
export type { GlobalEnv as Env };

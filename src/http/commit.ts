import type { Context } from "hono";
import { afterCommit } from "../after-commit";
import type { Outcome } from "../conversations/events";
import type { AppContext } from "./types";

/** The request's waitUntil; none when the app is called without an execution context (then the step is awaited). */
export function waitUntilOf(c: Context<AppContext>): ((work: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (work) => ctx.waitUntil(work);
  } catch {
    return undefined;
  }
}

/**
 * Every route's way to call a domain write: the write commits, then the after-commit step runs its events
 * (frames to open screens, its emails to their scheduler) before the answer, so the caller's answer comes
 * after its emails left.
 */
export async function committed<T>(c: Context<AppContext>, write: Promise<Outcome<T>>, opts: { emails: "now" | "scheduled" } = { emails: "now" }): Promise<T> {
  const { result, events } = await write;
  await afterCommit(c.env, events, { ...opts, waitUntil: waitUntilOf(c) });
  return result;
}

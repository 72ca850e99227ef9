// A breakdown build for the inbound bench: the project's Worker unchanged, except that its email() handler gets
// Durable Object namespaces that do nothing, so the work after the SMTP answer (live fan-out to the conversation
// and the company, arming the delivery scheduler, hence the notification email) is left out. What remains is the
// pipeline up to the answer: R2 put of the raw, parse, the claim with the conversation's context, the message's
// batch (with the log's outcome). Used only to show what the after-answer work costs on the one local thread.
import worker from "../../src/index";

export * from "../../src/index";

type Handlers = { email: (message: ForwardableEmailMessage, env: Record<string, unknown>, ctx: ExecutionContext) => Promise<void> };

/** An object whose every method resolves to nothing: what a stub of these namespaces answers. */
const inert = new Proxy({}, { get: (_target, prop) => (prop === "then" ? undefined : async () => undefined) });
const nowhere = { idFromName: () => ({}), get: () => inert } as unknown as DurableObjectNamespace;

export default {
  ...(worker as object),
  async email(message: ForwardableEmailMessage, env: Record<string, unknown>, ctx: ExecutionContext): Promise<void> {
    await (worker as unknown as Handlers).email(message, { ...env, CONVERSATION_ROOM: nowhere, COMPANY_HUB: nowhere, DELIVERY_SCHEDULER: nowhere }, ctx);
  },
};

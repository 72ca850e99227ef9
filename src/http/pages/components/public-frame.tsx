import type { Child } from "hono/jsx";
import type { PageText } from "../../../i18n/pages";
import { Document } from "./document";
import { LangSwitch } from "./lang-switch";

/** Pages for people without an account (candidates, sign-in, invitations): a quiet single column. */
export function PublicFrame(props: { t: PageText; title: string; heading?: string; client?: boolean; wide?: boolean; children?: Child }) {
  return (
    <Document t={props.t} title={props.title} client={props.client} bodyClass="public">
      <main id="main" class={props.wide ? "page page--narrow-wide" : "page page--narrow"}>
        {props.heading && <p class="eyebrow">{props.heading}</p>}
        {props.children}
      </main>
    </Document>
  );
}

/** A short page that only says something (not found, invitation gone, thank you…). */
/** `langNext`: where the language switch leads (a page safe to load again), when the notice offers one. */
export function NoticePage(props: { t: PageText; title: string; heading?: string; langNext?: string; children?: Child }) {
  return (
    <PublicFrame t={props.t} title={props.title} heading={props.heading}>
      {props.langNext && (
        <div class="corner">
          <LangSwitch t={props.t} next={props.langNext} />
        </div>
      )}
      <section class="card notice">
        <h1>{props.title}</h1>
        {props.children}
      </section>
    </PublicFrame>
  );
}

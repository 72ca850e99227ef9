import type { Child } from "hono/jsx";
import type { PageText } from "../../../i18n/pages";
import { Document } from "./document";

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
export function NoticePage(props: { t: PageText; title: string; heading?: string; children?: Child }) {
  return (
    <PublicFrame t={props.t} title={props.title} heading={props.heading}>
      <section class="card notice">
        <h1>{props.title}</h1>
        {props.children}
      </section>
    </PublicFrame>
  );
}

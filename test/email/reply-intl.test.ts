/// <reference types="vite/client" />
// Central European languages and more clients, end to end (see reply-corpus.ts).
import cases from "../fixtures/emails/intl/cases.json";
import { describeCorpus } from "./reply-corpus";

const eml = import.meta.glob<string>("../fixtures/emails/intl/*.eml", { query: "?raw", import: "default", eager: true });

describeCorpus("Central European languages and clients (raw .eml → stored body)", cases, eml, 99);

import { period } from "../period";
/**
 * Czech wording of every email the app sends. Values are interpolated as given; the email
 * templates escape them for HTML, so phrases themselves must not contain < > & or quotes.
 * Verbs are chosen so they need no grammatical gender ("píše", not "napsal/napsala"), and a
 * company name never ends a sentence ("Acme s.r.o.." would).
 */
export const email = {
  htmlLang: "cs",
  dateLocale: "cs-CZ",
  greeting: "Dobrý den,",
  automatic: "Tento e-mail byl odeslán automaticky.",
  /** Stable per application, so mail clients keep the conversation in one thread. */
  candidateSubject: (offer: string, company: string) => `${offer} – ${company}`,
  companySubject: (candidate: string, offer: string) => `${candidate} – ${offer}`,
  historyHeading: "Předchozí zprávy:",
  historyEntry: (author: string, date: string) => `${author}, ${date}:`,
  filesHeading: "Přílohy (stáhnete je na těchto odkazech):",

  candidateMessage: {
    intro: (offer: string, company: string) => `společnost ${company} vám poslala novou zprávu k pozici ${offer}.`,
    from: (author: string, company: string) => `${author} (${company}) píše:`,
    replyHint: "Odpovědět můžete přímo na tento e-mail, nebo v konverzaci na tomto odkazu:",
  },
  newCandidate: {
    intro: (offer: string) => `máte novou přihlášku na pozici ${offer}.`,
    candidate: (name: string, address: string) => `Kandidát: ${name} (${address})`,
    coverLetter: "Průvodní dopis:",
    noCoverLetter: "Přihláška je bez průvodního dopisu.",
    link: "Přihláška v administraci:",
    replyHint: "Kandidátovi můžete odpovědět přímo na tento e-mail, odpověď dostane e-mailem.",
  },
  mention: {
    intro: (author: string, candidate: string, offer: string) => `${author} vás zmiňuje v interní poznámce v konverzaci ${candidate} – ${offer}.`,
    from: (author: string) => `Poznámka, kterou píše ${author}:`,
    replyHint: "Odpověď na tento e-mail se uloží jako interní poznámka; kandidát ji neuvidí.",
  },
  newMessage: {
    intro: (candidate: string, offer: string) => `v konverzaci ${candidate} – ${offer} je nová zpráva.`,
    from: (author: string) => `${author} píše:`,
    link: "Celá konverzace:",
    replyHint: "Odpovědět můžete přímo na tento e-mail, odpověď dostane kandidát.",
  },
  applicationReceived: {
    body: (offer: string, company: string) => `děkujeme za vaši přihlášku na pozici ${offer} ve společnosti ${period(company)} Přihláška dorazila a tým se vám ozve.`,
    coverLetter: "Vaše zpráva:",
    link: "Konverzace se společností je zde; můžete jim tam kdykoli napsat:",
    replyHint: "Stačí také odpovědět na tento e-mail.",
  },
  newLink: {
    body: (offer: string, company: string) =>
      `společnost ${company} vám vytvořila nový odkaz na konverzaci o pozici ${offer}. Dosavadní odkaz už nefunguje; ze starších e-mailů se do konverzace dostanete odpovědí.`,
    link: "Nový odkaz na konverzaci:",
  },
  erasureConfirmation: {
    subject: (company: string) => `Potvrďte žádost o smazání údajů u ${company}`,
    body: (company: string) =>
      `požádali jste společnost ${company} o smazání vašich osobních údajů. Potvrďte prosím, že žádost je od vás: odkaz níže ví jen tato e-mailová schránka.`,
    link: "Potvrdit žádost o smazání:",
    ignore: "Pokud jste o smazání nežádali, tento e-mail ignorujte a dejte o tom společnosti vědět odpovědí.",
  },
  erasureDeclined: {
    body: (company: string) => `společnost ${company} vaši žádost o smazání osobních údajů zamítla. Uvádí tento důvod:`,
    reasonHeading: "Důvod",
    link: "Konverzace se společností, kde se můžete zeptat:",
  },
  rejectedNotice: {
    body: (offer: string, company: string) => `vaše zpráva nebyla doručena. Přihláška na pozici ${offer} ve společnosti ${company} je uzavřená a do konverzace už nelze psát.`,
    contact: (contactEmail: string) => `Pokud potřebujete společnost kontaktovat, napište prosím na ${contactEmail}.`,
    link: "Dosavadní konverzaci si můžete prohlédnout zde:",
  },
  nothingFound: {
    body: "ve vaší odpovědi jsme nenašli žádný nový text, nejspíš obsahovala jen citaci předchozích zpráv. Zpráva proto nebyla doručena.",
    hint: "Napište prosím svou odpověď nad citovaný text, nebo použijte odkaz:",
  },
  signupConfirmation: {
    subject: (company: string) => `Potvrďte svůj e-mail pro ${company} v Candidate Chat`,
    greeting: (name: string) => `Dobrý den, ${name},`,
    body: (company: string) => `děkujeme za registraci firmy ${period(company)} Potvrďte prosím, že tato adresa patří vám; pak se můžete přihlásit.`,
    link: "Potvrdit e-mail:",
    ignore: "Pokud jste se neregistrovali, tento e-mail můžete ignorovat; bez potvrzení se k účtu nikdo nepřihlásí.",
  },
  webhookDisabled: {
    subject: (url: string) => `Webhook byl vypnut: ${url}`,
    body: (url: string, failures: number) =>
      `webhook na adresu ${url} je vypnutý: posledních ${failures} doručení za sebou selhalo i po všech opakováních. Nové události mu už neposíláme.`,
    fix: "Až bude adresa zase odpovídat, webhook zapněte v nastavení integrací; doručení, která čekají, pak odejdou:",
  },
  invitation: {
    subject: (inviter: string, company: string) => `${inviter} vás zve do společnosti ${company} v Candidate Chat`,
    body: (inviter: string, company: string) => `${inviter} vás zve do týmu společnosti ${company} v aplikaci Candidate Chat, kde spolu s kolegy komunikujete s kandidáty.`,
    link: "Pozvánku přijmete na tomto odkazu:",
    expires: (date: string) => `Odkaz platí do ${date}.`,
    ignore: "Pokud jste pozvánku nečekali, tento e-mail můžete ignorovat.",
  },
};

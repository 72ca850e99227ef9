// Phrase lists used to label lines of an inbound reply. Grouped by language so a new
// client/language is a one-line change. All regexes are tested against a single,
// already-normalised line (no CR, NBSP turned into a space, zero-width marks removed).

/** Words that end an attribution line ("On … wrote:"). */
const WROTE = [
  // English
  "wrote",
  "writes",
  "said",
  "says",
  // Czech / Slovak (Gmail: "… napsal:", Thunderbird/Apple: "… napsal(a):")
  "napsal",
  "napsala",
  "napsal\\(a\\)",
  "napísal",
  "napísala",
  "napísal\\(a\\)",
  // German
  "schrieb",
  "geschrieben",
  "schrieben Sie",
  // French
  "a écrit",
  "nous a dit",
  // Dutch, Italian, Spanish, Portuguese, Polish
  "het volgende geschreven",
  "schreef",
  "ha scritto",
  "escribió",
  "escreveu",
  "napisał",
  "napisał\\(a\\)",
  "pisał",
  "pisała",
  "pisał\\(a\\)",
  // Polish (Thunderbird "… pisze:", Gmail "… napisał(a):")
  "pisze",
  "napisała",
  // Russian (Thunderbird "… пишет:"), Ukrainian (Gmail "… пише:", Apple "… написав(ла):")
  "написал",
  "написала",
  "написал\\(а\\)",
  "пишет",
  "пише",
  "написав",
  "написав\\(ла\\)",
  "написав\\(-ла\\)",
  // Russian / Ukrainian past tense without the prefix (Spark, Mail.ru apps: "… <x@y>, писал(а):")
  "писал",
  "писала",
  "писал\\(а\\)",
  "писав",
  "писав\\(ла\\)",
  "написала",
  // Scandinavian, Finnish, Hungarian ("… ezt írta:")
  "skrev",
  "kirjoitti",
  "írta",
  // Romanian, Turkish ("… tarihinde şunu yazdı:"), Greek, Vietnamese, Indonesian / Malay
  "a scris",
  "yazdı",
  "έγραψε",
  "đã viết",
  "menulis",
  // Croatian / Serbian / Bosnian, Slovenian, Bulgarian / Serbian Cyrillic
  "napisao je",
  "napisala je",
  "je napisao",
  "je napisala",
  "napisao",
  "napisala",
  "napisal",
  "napisal\\(a\\)",
  "написа",
  "написао је",
  "написала је",
  // Lithuanian, Latvian, Estonian, Catalan, Galician, Persian, Hindi, Thai
  "rašė",
  "rakstīja",
  "kirjutas",
  "va escriure",
  "escribiu",
  "نوشت",
  "ने लिखा",
  "เขียนว่า",
].join("|");

/** The same, in scripts without spaces between words: they may follow a digit or a name directly ("10:00写道："). */
const WROTE_UNSPACED = [
  "写道", // Chinese (simplified)
  "寫道", // Chinese (traditional)
].join("|");

/** Japanese and Korean ones, which end ordinary phrases too ("…のメール" = "…'s email"): only with their colon. */
const WROTE_UNSPACED_COLON = [
  "のメール", // Japanese (Apple Mail: "…、Jana <x@y>のメール:")
  "님이 작성", // Korean (Gmail: "… <x@y>님이 작성:")
  "님의 메일", // Korean (Apple Mail)
].join("|");

/** First word of an "On <date>, <someone> wrote:" line, per language. */
const OPENERS = [
  "On",
  "At",
  "In message", // English
  "Dne",
  "V",
  "Ve",
  "Dňa",
  "Dna", // Czech / Slovak
  "Am", // German
  "Le", // French
  "Op",
  "Il",
  "El",
  "Em",
  "Den",
  "Dnia",
  "W", // Dutch, Italian, Spanish, Portuguese, Scandinavian, Polish
  "În",
  "Pe", // Romanian
  "Στις",
  "Vào",
  "Pada",
  "На",
  "Dana", // Greek, Vietnamese, Indonesian, Bulgarian, Croatian
].join("|");

/** Words that stand in for "user" in Gmail-style "<date> <user> <name> wrote:" lines. */
const USER_WORDS = "odesílatel|uživatel|používateľ|użytkownik|пользователь|користувач";

const TIME = /\b\d{1,2}[:.]\d{2}\b/;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const ENDS_WITH_WROTE = new RegExp(`(?:(?:(?:^|[\\s>"'»)])(?:${WROTE})|(?:${WROTE_UNSPACED}))\\s*[:：]?|(?:${WROTE_UNSPACED_COLON})\\s*[:：])\\s*$`, "iu");
const STARTS_WITH_OPENER = new RegExp(`^(?:${OPENERS})\\s`, "iu");
const HAS_USER_WORD = new RegExp(`(?:^|\\s)(?:${USER_WORDS})\\s`, "iu");

/**
 * Attribution lines whose verb sits in the middle, e.g.
 * "Am 03.02.2016 um 15:35 schrieb Max <max@example.com>:" or
 * "Max <max@example.com> schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:".
 */
const VERB_IN_MIDDLE: RegExp[] = [
  /^(?:Am|Op|Den)\s.*\d.*\s(?:schrieb|schreef|skrev)\s.+[:：]\s*$/iu,
  /^.+\s(?:wrote|schrieb|napsal(?:\(a\)|a)?)\s+(?:on|am|dne)\s.*\d.*[:：]\s*$/iu,
  /\d.*\s(?:skrev|schreef)\s.+[:：]\s*$/iu,
  // Apple Mail, Polish: "Wiadomość napisana przez Jan <jan@x.pl> w dniu 01.12.2026, o godz. 10:00:"
  /^Wiadomość napisana przez\s.+\sw dniu\s.*\d.*[:：]\s*$/iu,
  // Gmail, Hungarian (older): "Martina <x@y.hu> ezt írta (időpont: 2026. dec. 2., Sze, 10:00):"
  /\sírta\s*\(időpont:.*\d.*\)\s*[:：]\s*$/iu,
  // Thunderbird, Hungarian (older): "Martina Veselá írta 2026. 12. 01. 10:00-kor:"
  /^.+\sírta\s.*\d[:.]\d\d-k[oö]r\s*[:：]\s*$/iu,
  // Thunderbird with the verb before the name: "01.12.2026 10:00 kirjutas Martina Veselá:"
  new RegExp(`^\\d.*\\d[:.]\\d\\d.*\\s(?:${WROTE})\\s.+[:：]\\s*$`, "iu"),
  // Any language, with an address: "Dne 1. 12. 2026 v 10:00 napsal(a) Martina <x@y.cz>:"
  new RegExp(`^(?:${OPENERS})\\s.*\\d.*\\s(?:${WROTE})\\s.*<[^<>\\s]+@[^<>\\s]+>\\s*[:：]\\s*$`, "iu"),
];

/** Attribution lines without a verb: a date and an address (Gmail in some locales, Yandex, Mail.ru). */
const DATE_AND_ADDRESS: RegExp[] = [
  // "2016-10-24 15:36 GMT+02:00 Foo bar <info@foo.bar>:", "26.06.2014, 14:41, "Alex" <a@example.com>:"
  /\d{4}.{1,80}\s?<[^@<>\s]+@[^@<>\s]+\.[^@<>\s]+>\s*[:：]?$/u,
  // "2016-03-03 17:21 GMT+01:00 Some One"
  /^20\d\d-\d\d-\d\d \d\d:\d\d GMT[+-]\d\d:\d\d [\p{L}\p{N} ]+$/u,
  // "Posted by sam on 03/26/2016"
  /^Posted by .+ on \d{2}\/\d{2}\/\d{4}$/i,
  // "codinghorror via Discourse Meta <info@discourse.org> schrieb:"
  /^.+ via .+ (?:wrote|schrieb)[:：]?\s*$/i,
];

/**
 * True for a line (or a wrapped attribution re-joined into one line) such as
 * "On Tue, Dec 3, 2026 at 09:41 Martina <x@y.cz> wrote:" or "Dne 3. 12. 2026 v 9:41 Martina napsal(a):".
 */
export function isAttribution(raw: string): boolean {
  // Zoho wraps it in dashes ("---- On … wrote ----"), Outlook bolds it with asterisks.
  const line = raw.replace(/^[\s*-]+/, "").replace(/[\s*-]+$/, "");
  if (line.length < 6 || line.length > 400) return false;
  if (ENDS_WITH_WROTE.test(line)) {
    const hasDigit = /\d/.test(line);
    // A bare "… wrote:" is too common in prose; demand some evidence of an attribution.
    if (STARTS_WITH_OPENER.test(line) && hasDigit) return true;
    if (EMAIL.test(line)) return true;
    if (hasDigit && (TIME.test(line) || HAS_USER_WORD.test(line))) return true;
  }
  return VERB_IN_MIDDLE.some((r) => r.test(line)) || DATE_AND_ADDRESS.some((r) => r.test(line));
}

// "Martina Veselá napsal(a):", "Jan Kowalski pisze:": a name (up to 4 words) and the verb, nothing else.
const NAME_WROTE = new RegExp(`^[\\p{Lu}"'][\\p{L}"'.-]*(?:\\s+[\\p{L}"'.-]+){0,3}\\s+(?:${WROTE})\\s*[:：]\\s*$`, "u");

/**
 * Thunderbird's dateless "<name> wrote:". It says too little on its own ("As John wrote:"), so
 * labels.ts takes it only where the quote below it opens or ends the message.
 */
export function isNameWrote(line: string): boolean {
  return line.length <= 100 && NAME_WROTE.test(line.trim());
}

// "Jana <jana@x.cz>" or "(jana@x.cz)": an address as clients write it into attributions.
const BRACKETED_ADDRESS = String.raw`(?:<[^<>\s]+@[^<>\s]+>|\([^()\s]+@[^()\s]+\))`;
const NAMES_ADDRESS = new RegExp(BRACKETED_ADDRESS);
const ENDS_WITH_ADDRESS = new RegExp(`${BRACKETED_ADDRESS}[^<>()]{0,20}$`);

/**
 * An attribution in a language no list here knows: it ends with a colon and names the writer's address in brackets
 * and a time ("Pada tanggal 1 Des 2026 pukul 10.00 Jana <jana@x.cz> menulis:"). It says too little on its own, so
 * labels.ts takes it only right above a quote that runs to the end of the message or opens it.
 */
export function mayBeAttribution(line: string): boolean {
  const t = line.trim();
  if (t.length < 10 || t.length > 400 || !/[:：]$/.test(t)) return false;
  // The writer's address in brackets and a time: a date and a time alone are prose as often ("… 3.12. ve 14:00, jak
  // jste navrhla:"), and so is an address alone ("my new address is …:").
  return NAMES_ADDRESS.test(t) && TIME.test(t);
}

/** "… Jana <jana@x.cz>, 1 Ara": an address in brackets near the line's end, as a wrapped attribution's first line. */
export function endsWithAddress(line: string): boolean {
  return ENDS_WITH_ADDRESS.test(line.trim());
}

/** Could this line be the first part of an attribution that the client wrapped over several lines? */
/** "On 21 Nov 2014, …", "Dne 3. 12. …": the usual first words of an attribution. */
export function startsLikeAttribution(line: string): boolean {
  return STARTS_WITH_OPENER.test(line.trim()) && /\d/.test(line);
}

export function mayStartAttribution(line: string): boolean {
  const t = line.trim();
  if (t.length < 6 || t.length > 300) return false;
  // A sentence end ("… I'll be free.") is prose; a date's "28." or "Apr." may be wrapped.
  return /\d|@|<$/.test(t) && !/[!?]$|(?:^|\s)\p{Ll}[\p{Ll}']+\.$/u.test(t);
}

// Header names of an embedded header block ("From: … / Sent: … / To: … / Subject: …").
const HEADER_NAMES = [
  "From",
  "To",
  "Cc",
  "Bcc",
  "Reply-To",
  "Subject",
  "Date",
  "Sent", // English
  "Od",
  "Komu",
  "Kopie",
  "Skrytá kopie",
  "Předmět",
  "Datum",
  "Odesláno",
  "Odeslal",
  "Odeslala", // Czech
  "Kópia",
  "Predmet",
  "Dátum",
  "Odoslané",
  "Odoslal", // Slovak
  "Von",
  "An",
  "Betreff",
  "Gesendet", // German
  "De",
  "À",
  "A",
  "Objet",
  "Envoyé",
  "Expéditeur",
  "Destinataire",
  "Répondre à", // French
  "Da",
  "Oggetto",
  "Data",
  "Inviato",
  "Risposta", // Italian
  "Para",
  "Asunto",
  "Assunto",
  "Enviado",
  "Enviada em",
  "Fecha", // Spanish / Portuguese
  "Van",
  "Aan",
  "Onderwerp",
  "Verzonden", // Dutch
  "Från",
  "Till",
  "Ämne",
  "Skickat",
  "Fra",
  "Til",
  "Emne",
  "Sendt", // Swedish / Norwegian
  "Message du",
  "Copie à", // French (Orange webmail)
  "Nadawca",
  "Wysłano",
  "Wysłane",
  "Temat",
  "DW",
  "UDW", // Polish ("Do:" left out: Czech "do" = "until" in "Od: … / Do: …")
  "От",
  "Кому",
  "Тема",
  "Отправлено",
  "Дата",
  "Копия",
  "Отправитель", // Russian
  "Від",
  "Надіслано",
  "Відправлено",
  "Копія", // Ukrainian (Кому, Тема, Дата as in Russian)
  "Feladó",
  "Elküldve",
  "Küldve",
  "Címzett",
  "Másolat",
  "Másolatot kap",
  "Tárgy", // Hungarian
  "发件人",
  "收件人",
  "主题",
  "发送时间",
  "日期",
  "抄送", // Chinese (simplified)
  "寄件者",
  "寄件日期",
  "收件者",
  "主旨",
  "副本", // Chinese (traditional)
  "差出人",
  "送信日時",
  "送信者",
  "宛先",
  "件名",
  "日付", // Japanese
  "보낸 사람",
  "보낸 날짜",
  "받는 사람",
  "제목",
  "참조", // Korean
  "De la",
  "Trimis",
  "Către",
  "Subiect", // Romanian
  "Kimden",
  "Gönderildi",
  "Gönderilme",
  "Kime",
  "Konu",
  "Tarih",
  "Bilgi", // Turkish
  "Από",
  "Στάλθηκε",
  "Προς",
  "Θέμα",
  "Κοιν", // Greek
  "Lähettäjä",
  "Lähetetty",
  "Vastaanottaja",
  "Aihe",
  "Kopio", // Finnish
  "Enviado el",
  "Enviat",
  // Spanish / Catalan
  "Šalje",
  "Poslano",
  "Pošiljatelj",
  "Prejemnik",
  "Zadeva", // Croatian, Slovenian
  "Изпратено",
  "Относно", // Bulgarian ("До:" left out like Polish "Do:": Russian "до" = "until")
  "Nuo",
  "Išsiųsta", // Lithuanian
  "Saatja",
  "Saadetud",
  "Adressaat",
  "Teema", // Estonian
  "Nosūtīts",
  "Sūtītājs",
  "Tēma", // Latvian
  "Từ",
  "Đã gửi",
  "Đến",
  "Chủ đề", // Vietnamese
  "Dari",
  "Dikirim",
  "Kepada",
  "Subjek",
  "Perihal", // Indonesian
  "מאת",
  "נשלח",
  "אל",
  "נושא",
  "עותק", // Hebrew
  "من",
  "تاريخ الإرسال",
  "إلى",
  "الموضوع",
  "نسخة", // Arabic
];
// Longest first so "Reply-To" wins over "To" in the alternation.
const HEADER = new RegExp(`^[\\s*]*(?:${[...HEADER_NAMES].sort((a, b) => b.length - a.length).join("|")})[\\s*]*[:：]`, "iu");

// Header names that are everyday words elsewhere (Czech "Kam:" = "where to:", Italian "Prima:" = "before:", Czech
// without háčky "Tema:"): extract.ts counts them in a block only next to two others and an address.
const WEAK_HEADER = /^[\s*]*(?:Kam|Tema|Prima)[\s*]*[:：]/iu;

/** "Kam: …", "Tema: …", "Prima: …" (Lithuanian, Croatian, Latvian header names, see WEAK_HEADER). */
export function isWeakHeader(line: string): boolean {
  return line.length <= 1000 && WEAK_HEADER.test(line);
}

/**
 * "From: Martina <x@y.cz>", "*Odesláno:* úterý 3. prosince 2026 9:41", "Cc:" (may be empty).
 * Only a block of three or more counts as history, so a lone "Od: pondělí" in prose is safe.
 */
export function isHeader(line: string): boolean {
  return line.length <= 1000 && HEADER.test(line);
}

// "-----Original Message-----", "-------- Původní zpráva --------": the quoted original of a reply.
const ORIGINAL = [
  "Original Message",
  "Original e-?mail",
  "Reply message", // English
  "Původní zpráva",
  "Původní e-?mail", // Czech (Thunderbird, Seznam)
  "Pôvodná správa",
  "Pôvodný e-?mail", // Slovak
  "Oryginalna wiadomość",
  "Wiadomość oryginalna",
  "Oryginalny e-?mail", // Polish
  "Исходное сообщение",
  "Оригинальное сообщение",
  "Исходное письмо",
  "Исходный e-?mail", // Russian
  "Початкове повідомлення",
  "Оригінальне повідомлення",
  "Вихідне повідомлення",
  "Оригінальний лист",
  "Початковий лист", // Ukrainian
  "Eredeti üzenet",
  "Eredeti levél",
  "Eredeti e-?mail", // Hungarian
  "Ursprüngliche Nachricht",
  "Original-?Nachricht",
  "Ursprüngliche E-?Mail", // German (GMX: "Original-Nachricht")
  "Message d'origine",
  "Mensaje original",
  "Messaggio originale",
  "Oorspronkelijk bericht",
  "原始邮件",
  "Oprindelig besked",
  "Opprinnelig melding",
  "Ursprungligt meddelande",
  "Alkuperäinen viesti",
  "Oprindelig meddelelse",
  "Mensagem original",
  "Missatge original",
  "Mesaj original",
  "Orijinal mesaj",
  "Orijinal ileti",
  "Özgün ileti",
  "Αρχικό μήνυμα",
  "元のメッセージ",
  "原始郵件",
  "원본 메시지",
  "Izvorna poruka",
  "Izvirno sporočilo",
  "Оригинално съобщение",
  "Originali žinutė",
  "Algne kiri",
  "Sākotnējais ziņojums",
  "Thư gốc",
  "Pesan Asli",
  "הודעה מקורית",
  "الرسالة الأصلية",
];

// "---------- Forwarded message ---------": what follows is content the sender passes on, not history.
const FORWARDED = [
  "Forwarded message",
  "Forwarded e-?mail", // English
  "Přeposlaná zpráva",
  "Přeposlaný e-?mail", // Czech
  "Preposlaná správa",
  "Preposlaný e-?mail", // Slovak
  "Przekazana wiadomość",
  "Wiadomość przekazana dalej",
  "Przesłana wiadomość", // Polish
  "Пересылаемое сообщение",
  "Пересланное сообщение",
  "Перенаправленное сообщение", // Russian
  "Переслане повідомлення",
  "Пересланий лист", // Ukrainian
  "Továbbított üzenet",
  "Továbbított levél", // Hungarian
  "Weitergeleitete Nachricht", // German
  "Message transféré",
  "Mensaje reenviado",
  "Messaggio inoltrato",
  "Doorgestuurd bericht",
  "Mensagem encaminhada",
  "Vidarebefordrat meddelande",
  "Videresendt (?:besked|meddelelse|melding)",
  "Välitetty viesti",
  "[İi]letilen (?:ileti|mesaj)",
  "Προωθημένο μήνυμα",
  "Mesaj redirecționat",
  "転送(?:された)?メッセージ",
  "转发的邮件",
  "轉寄的郵件",
  "전달된 메시지",
  "Tin nhắn đã chuyển tiếp",
  "Proslijeđena poruka",
  "Posredovano sporočilo",
  "Препратено съобщение",
  "Pesan terusan",
  "הודעה שהועברה",
  "رسالة معاد توجيهها",
];

// Apple Mail: "Begin forwarded message:" in the sender's language.
const BEGIN_FORWARDED = [
  "Begin forwarded message",
  "Začátek přeposlané zprávy",
  "Začátek přeposílané zprávy",
  "Začiatok preposlanej správy",
  "Początek przekazywanej wiadomości",
  "Начало пересылаемого сообщения",
  "Начало переадресованного сообщения",
  "Початок пересланого повідомлення",
  "Початок пересланого листа",
  "Továbbított levél kezdete",
  "Továbbított üzenet kezdete",
  "Anfang der weitergeleiteten (?:Nachricht|E-Mail)",
  "Début du message transféré",
  "Début du message réexpédié",
  "Inicio del mensaje reenviado",
  "Inizio messaggio inoltrato",
  "Início da mensagem reencaminhada",
  "Mensagem encaminhada",
  "Begin doorgestuurd bericht",
  "Vidarebefordrat brev",
  "Början på vidarebefordrat (?:brev|meddelande)",
  "Start på videresendt (?:besked|meddelelse)",
  "Videresendt melding",
  "Välitetty viesti alkaa",
  "Αρχή προωθημένου μηνύματος",
  "Început mesaj redirecționat",
  "[İi]letilen ileti(?:nin başlangıcı)?",
  "転送されたメッセージ",
  "以下是转发的邮件",
  "转发的邮件",
  "開始轉寄的郵件",
  "전달된 메시지",
  "Bắt đầu tin nhắn được chuyển tiếp",
  "Početak proslijeđene poruke",
  "Začetek posredovanega sporočila",
  "Начало на препратеното съобщение",
  "Awal pesan yang diteruskan",
  "תחילת הודעה שהועברה",
  "بداية الرسالة المعاد توجيهها",
];

const dashed = (phrases: string[]) => new RegExp(`^[\\s*]*-{2,}\\s*(?:${phrases.join("|")})\\s*-{2,}`, "iu");
const ORIGINAL_MESSAGE = [dashed(ORIGINAL), /^\s*_{5,}\s*$/]; // Outlook draws underscores above its header block
const FORWARD = [dashed(FORWARDED), new RegExp(`^\\s*(?:${BEGIN_FORWARDED.join("|")})\\s*:?\\s*$`, "iu")];

// "Fwd:", Outlook's "FW:", German "WG:", Polish "PD:", Hungarian "TOV:", Russian "Пересл:", Swedish "VB:", Finnish "VL:",
// Spanish "RV:", Portuguese "ENC:", Dutch "Doorst:" (not "VS:": Hungarian Outlook's reply). Only the first prefix counts: "Re: Fwd:" is a reply.
const FORWARD_SUBJECT = /^\s*(?:fwd?|fw|wg|pd|tov|tr|vb|vl|rv|enc|doorst|přep|пересл)\s*:/iu;

export function isForwardSubject(subject: string | undefined): boolean {
  return FORWARD_SUBJECT.test(subject ?? "");
}

/** Lines that open the quoted original of a reply: everything below them is history. */
export function isOriginalMessageMarker(line: string): boolean {
  return ORIGINAL_MESSAGE.some((r) => r.test(line));
}

/** Lines that open a forwarded message: everything below them is what the sender passes on. */
export function isForwardMarker(line: string): boolean {
  return FORWARD.some((r) => r.test(line));
}

/** "-- " (RFC 3676 signature separator) and its mangled forms. */
export function isSignatureDelimiter(line: string): boolean {
  return /^\s*(?:--|—|–)\s*$/.test(line);
}

/**
 * A line made only of separator characters ("-----", "=====", "ᐧ"). Weak evidence: it is
 * also Markdown for a rule, so the extractor cuts there only if history follows.
 */
export function isSeparatorLine(line: string): boolean {
  return /^\s*(?:[-_=+~#*—–,ᐧ]{2,}|ᐧ)\s*$/u.test(line);
}

// Mobile/webmail footers. Each is anchored at the line start and bounded so that prose such
// as "Sent from my desk, it is easier than my phone." is not taken for a footer.
const FOOTER_TAIL = String.raw`(?:\s+[^\s,;]+){0,6}[.!]?(?:[.,]?\s+(?:please|pardon|excuse|sorry|omluvte|bitte|entschuldigen)\b.*)?$`;
const SENT_FROM = [
  String.raw`[(<]*\s*sent (?:from|via|with|by|using|on)`, // English
  String.raw`(?:odesláno|posláno|odeslané) (?:z|ze|pomocí|přes|prostřednictvím)`, // Czech
  String.raw`(?:odoslané|poslané) (?:z|zo|pomocou|cez)`, // Slovak
  String.raw`gesendet (?:von|mit|vom|aus)`, // German
  String.raw`envoyé (?:de|depuis|à partir de|avec)`, // French
  String.raw`(?:wysłano|wysłane|wysłana) (?:z|ze|przez|za pomocą)`, // Polish "Wysłane z iPhone'a"
  String.raw`(?:отправлено|послано) (?:с|со|из|через)`, // Russian "Отправлено из мобильной Яндекс Почты"
  String.raw`(?:надіслано|відправлено) (?:з|із|зі|через|за допомогою)`, // Ukrainian "Надіслано з iPhone"
  String.raw`(?:el)?küldve (?:az? )?\S+(?:r[óő]l|ból|ből)`, // Hungarian "Küldve az iPhone-omról", "Elküldve az iPhone-omról"
  String.raw`küldés (?:az? )?(?:\S+ ){0,3}\S+(?:ból|ből)`, // Hungarian "Küldés a Windows Levelezés alkalmazásból"
  String.raw`(?:inviato (?:da|dal|dallo|dall['’])|enviado (?:do|desde|de)|verzonden (?:met|vanaf|van)|verstuurd (?:vanaf|met)|sendt fra|skickat från)`,
  String.raw`(?:lähetetty \S+(?:sta|stä|lla|llä)|trimis (?:de pe|din|cu)|(?:στάλθηκε|εστάλη) από|(?:được )?gửi từ|dikirim (?:dari|dengan|melalui))`, // Finnish, Romanian, Greek, Vietnamese, Indonesian
  String.raw`(?:poslano (?:s|sa|iz|z|preko)|изпратено (?:от|с|чрез)|išsiųsta (?:iš|su|naudojant)|saadetud (?:minu|seadmest)|nosūtīts (?:no|ar)|enviat (?:des de|amb))`, // Croatian, Slovenian, Bulgarian, Lithuanian, Estonian, Latvian, Catalan
  String.raw`(?:נשלח מ\S*|(?:أُرسلت|أرسلت|تم الإرسال) من)`, // Hebrew "נשלח מה-iPhone שלי", Arabic "أُرسلت من الـ iPhone"
].map((prefix) => new RegExp(`^\\s*${prefix}${FOOTER_TAIL}`, "iu"));

const MOBILE_FOOTERS: RegExp[] = [
  ...SENT_FROM,
  /^\s*[(<]*\s*sent (?:from|by|with) .{1,40}[)>]+\s*$/i, // "(sent from a phone)", "<<sent by galaxy>>"
  /^\s*(?:get|download) (?:the )?outlook (?:for|app for) (?:ios|android)/i, // "Get Outlook for Android"
  /^\s*(?:stáhnout|získat|získejte|stáhněte si)(?: aplikaci)? outlook pro (?:ios|android)/i, // Czech
  /^\s*(?:stiahnite si|získajte|získať|stiahnuť)(?: aplikáciu)? outlook pre (?:ios|android)/i, // Slovak
  /^\s*(?:outlook für (?:ios|android) (?:herunterladen|beziehen|holen)\.?\s*$|holen sie sich outlook für|(?:lade|laden sie) outlook für)/i, // German "Outlook für iOS beziehen"
  /^\s*(?:télécharger|obtenir) outlook pour (?:ios|android)/i, // French
  /^\s*pobierz(?: aplikację)? outlook dla(?: systemu)? (?:ios|android)/iu, // Polish
  /^\s*(?:получить|получите|скачать|скачайте|загрузите) outlook для (?:ios|android)/iu, // Russian
  /^\s*(?:отримати|отримайте|завантажити|завантажте) outlook для (?:ios|android)/iu, // Ukrainian
  /^\s*(?:az )?outlook (?:beszerzése|letöltése) (?:ios|android)/iu, // Hungarian "Az Outlook beszerzése iOS rendszerre"
  /^\s*(?:(?:az|a) )?(?:[\p{L}\p{N}.-]+ ){0,3}[\p{L}\p{N}.-]+(?:r[óő]l|ból|ből|\p{L}[ae]l) küldve\.?\s*$/iu, // Hungarian "iPhone-ról küldve", "Spark-kal küldve"
  /^\s*von meine[mr]? .{1,40} gesendet\.?\s*$/i, // "Von meinem iPhone gesendet"
  /^\s*diese nachricht wurde von .{1,80} gesendet/i,
  /^\s*[\p{L}]+ from mobile\s*$/iu, // "Nik from mobile"
  // Proton's footer in any language: short, "secure", and starts or ends with "Proton Mail".
  /^(?=\s*proton ?mail\b|.*\bproton ?mail\.?\s*$)(?=.*(?:secure|zabezpečen|biztonságos|sicher|bezpieczn|защищ|захищ|sécuris))\s*(?:\S+\s+){1,9}\S+\s*$/iu,
  /^\s*from my (?:iphone|ipad|android|mobile|phone|samsung|galaxy|blackberry|tablet|htc|pixel)\b.{0,20}$/i,
  /^\s*(?:z|ze) (?:mého|mýho) (?:iphonu|ipadu|mobilu|telefonu|androidu)\s*$/i, // Czech "Z mého iPhonu"
  /^\s*從我的 iPhone 傳送/u,
  /^\s*发自我的\s?\S+\s*$/u, // Chinese "发自我的iPhone"
  /^\s*.{0,20}(?:iPhone|iPad|Android|Galaxy|Xperia|Outlook|メール|スマートフォン|携帯).{0,10}から送信\s*$/iu, // Japanese "iPhoneから送信", Windows Mail "Windows 版メールから送信"
  // Outlook's mobile footer in any language: a short line naming Outlook and iOS or Android ("Scarica Outlook per iOS").
  // (No punctuation: a sentence about Outlook on a phone is prose. Its link has been taken out above.)
  /^(?=.*\boutlook\b)(?=.*\b(?:ios|android)\b)(?!.*[.,!?;:])\s*(?:\S+\s+){1,6}\S+\s*$/iu,
  /^\s*(?:나의 )?\S+에서 보냄\s*$/u, // Korean "나의 iPhone에서 보냄"
  // Turkish "iPhone'umdan gönderildi", "Samsung Galaxy akıllı telefonumdan gönderildi.": a device, then the verb.
  /^\s*(?:\S+\s){0,3}\S*(?:iphone|ipad|android|galaxy|telefon|tablet|cihaz|outlook)\S*(?:dan|den|tan|ten) gönderildi\.?\s*$/iu,
  /^\s*ส่งจาก\s?\S+(?:\s\S+)?\s*$/u, // Thai "ส่งจาก iPhone ของฉัน"
];

/** "Sent from my iPhone", "Odesláno z iPhonu", "Get Outlook for Android", "Von meinem iPhone gesendet". */
export function isMobileFooter(line: string): boolean {
  if (line.length > 200) return false;
  // Markdown links and bare URLs are noise here: "Get [Outlook for Android](https://aka.ms/x)".
  const plain = line
    .replace(/^\s*--\s+(?=\S)/, "") // "-- Sent from …" (the separator and the footer on one line)
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/<?\(?https?:\/\/\S+/gi, " ")
    .replace(/\s+/g, " ")
    .trimEnd();
  return MOBILE_FOOTERS.some((r) => r.test(plain));
}

/** "> quoted", ">> nested", and Supercite-style "Richard> quoted" / "C> quoted". */
export function isQuote(line: string): boolean {
  return /^\s*(?:>|[A-Z][A-Za-z]{0,9}>)/.test(line);
}

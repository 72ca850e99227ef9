import type { email as czech } from "../cs/email";
import { period } from "../period";

/** English wording of every email the app sends; typed by the Czech one, so both keep the same phrases. */
export const email: typeof czech = {
  htmlLang: "en",
  dateLocale: "en-GB",
  greeting: "Hello,",
  automatic: "This email was sent automatically.",
  candidateSubject: (offer, company) => `${offer} – ${company}`,
  companySubject: (candidate, offer) => `${candidate} – ${offer}`,
  historyHeading: "Earlier messages:",
  historyEntry: (author, date) => `${author}, ${date}:`,
  filesHeading: "Files (download them at these links):",

  candidateMessage: {
    intro: (offer, company) => `${company} sent you a new message about the ${offer} position.`,
    from: (author, company) => `${author} (${company}) wrote:`,
    replyHint: "Reply to this email, or open the conversation at this link:",
  },
  newCandidate: {
    intro: (offer) => `there is a new application for ${offer}.`,
    candidate: (name, address) => `Candidate: ${name} (${address})`,
    coverLetter: "Cover letter:",
    noCoverLetter: "The application has no cover letter.",
    link: "The application in Candidate Chat:",
    replyHint: "Reply to this email to answer the candidate; they will get your answer by email.",
  },
  mention: {
    intro: (author: string, candidate: string, offer: string) => `${author} mentioned you in an internal note in the conversation ${candidate} – ${offer}.`,
    from: (author: string) => `Note by ${author}:`,
    replyHint: "Reply to this email to add a note; the candidate will not see it.",
  },
  newMessage: {
    intro: (candidate, offer) => `there is a new message in the conversation ${candidate} – ${offer}.`,
    from: (author) => `${author} wrote:`,
    link: "The whole conversation:",
    replyHint: "Reply to this email to answer; the candidate will get your answer.",
  },
  applicationReceived: {
    body: (offer, company) => `thank you for your application for ${offer} at ${period(company)} It has arrived, and the team will get back to you.`,
    coverLetter: "Your message:",
    link: "Your conversation with the company is here; you can write to them there at any time:",
    replyHint: "You can also simply reply to this email.",
  },
  newLink: {
    body: (offer, company) =>
      `${company} made you a new link to the conversation about ${offer}. The previous link no longer works; replying to an earlier email still reaches the conversation.`,
    link: "Your new conversation link:",
  },
  erasureConfirmation: {
    subject: (company) => `Confirm your request to erase your data at ${company}`,
    body: (company) => `you asked ${company} to erase your personal data. Please confirm that the request is yours: only this mailbox has the link below.`,
    link: "Confirm the erasure request:",
    ignore: "If you did not ask for this, ignore this email and let the company know by replying.",
  },
  erasureDeclined: {
    body: (company) => `${company} declined your request to erase your personal data, for this reason:`,
    reasonHeading: "Reason",
    link: "The conversation with the company, where you can ask about it:",
  },
  rejectedNotice: {
    body: (offer, company) => `your message was not delivered. The application for ${offer} at ${company} is closed, and the conversation no longer accepts messages.`,
    contact: (contactEmail) => `If you need to contact the company, please write to ${contactEmail}.`,
    link: "You can still read the conversation here:",
  },
  nothingFound: {
    body: "we found no new text in your reply; it probably contained only quoted earlier messages. It was therefore not delivered.",
    hint: "Please write your answer above the quoted text, or use this link:",
  },
  signupConfirmation: {
    subject: (company) => `Confirm your email for ${company} on Candidate Chat`,
    greeting: (name) => `Hello ${name},`,
    body: (company) => `thank you for signing up ${period(company)} Please confirm that this address is yours; then you can sign in.`,
    link: "Confirm your email:",
    ignore: "If you did not sign up, you can ignore this email; without confirming, nobody can sign in to the account.",
  },
  webhookDisabled: {
    subject: (url) => `Webhook disabled: ${url}`,
    body: (url, failures) => `the webhook to ${url} is disabled: its last ${failures} deliveries in a row failed, each after all its retries. It gets no new events.`,
    fix: "Once the address answers again, enable the webhook in the integration settings; the deliveries still waiting then go out:",
  },
  invitation: {
    subject: (inviter, company) => `${inviter} invited you to ${company} on Candidate Chat`,
    body: (inviter, company) => `${inviter} invited you to join ${company} on Candidate Chat, where you and your colleagues talk with candidates.`,
    link: "Accept the invitation at this link:",
    expires: (date) => `The link is valid until ${date}.`,
    ignore: "If you were not expecting this invitation, you can ignore this email.",
  },
};

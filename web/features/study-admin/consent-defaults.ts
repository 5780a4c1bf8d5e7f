/**
 * The consent text a new wave starts with, in German and English. Staff adapt it per wave; it
 * says only what the platform guarantees (no IP address, no cookie, nothing linking a person to
 * the answers).
 */
export const DEFAULT_CONSENT_DE = `Mit dieser Befragung möchten wir erfahren, wie die Menschen in Südwestsachsen den Wandel der Automobil- und Zulieferindustrie erleben und was die Region widerstandsfähig macht. Verantwortlich für die Befragung ist die Initiative Transformation Automobilregion Südwestsachsen (ITAS).

Ihre Teilnahme ist freiwillig. Sie können die Befragung jederzeit abbrechen; dann wird nichts von Ihren Antworten gespeichert.

Die Befragung ist anonym. Wir fragen nicht nach Ihrem Namen, Ihrer E-Mail-Adresse oder Ihrer Anschrift. Ihre IP-Adresse wird nicht gespeichert, und es wird kein Cookie gesetzt. Gespeichert werden nur Ihre Antworten und der Tag der Teilnahme.

Ihre Antworten werden ausschließlich für diese Studie ausgewertet und nur zusammengefasst veröffentlicht, sodass niemand auf einzelne Personen schließen kann. Weil sich Ihre Antworten Ihnen nicht zuordnen lassen, können sie nach dem Absenden nicht mehr einzeln gelöscht werden.

Indem Sie die Befragung beginnen, willigen Sie in diese Verarbeitung ein.`;

export const DEFAULT_CONSENT_EN = `With this survey, we want to learn how people in south-west Saxony experience the transformation of the automotive and supplier industry and what makes the region resilient. The survey is conducted by the Initiative Transformation Automobilregion Südwestsachsen (ITAS).

Taking part is voluntary. You can stop at any time; then none of your answers are stored.

The survey is anonymous. We do not ask for your name, e-mail address or postal address. Your IP address is not stored and no cookie is set. Only your answers and the day you took part are stored.

Your answers are analysed for this study only and published only in aggregate, so that no one can draw conclusions about individuals. Because your answers cannot be traced back to you, they cannot be deleted individually once sent.

By starting the survey, you consent to this processing.`;

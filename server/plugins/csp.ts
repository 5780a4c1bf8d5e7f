import type { FastifyReply } from 'fastify';

/**
 * Relaxes `style-src` to allow inline styles on the few pages whose libraries need them (the
 * SurveyJS questionnaire renderer, Swagger UI). Scripts stay `'self'` only everywhere; inline
 * styles cannot run code, and no user-supplied HTML reaches these pages.
 */
export function allowInlineStyles(reply: FastifyReply): void {
  const csp = reply.getHeader('content-security-policy');
  if (typeof csp === 'string' && !csp.includes("style-src 'self' 'unsafe-inline'")) {
    reply.header('content-security-policy', csp.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
  }
}

const QUESTIONNAIRE_EDITOR = /^\/verwaltung\/studien\/[^/]+\/fragebogen\/[^/]+\/?$/;

/**
 * The questionnaire editor of the study pages (/verwaltung/studien/:id/fragebogen/:versionId):
 * its live preview renders the questionnaire with SurveyJS. No other staff page relaxes the policy.
 */
export function isQuestionnaireEditor(pathname: string): boolean {
  return QUESTIONNAIRE_EDITOR.test(pathname);
}

import type { CustomScheme } from 'electron';

export const EVIDENCE_SCHEME = 'evidence';

export const EVIDENCE_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: EVIDENCE_SCHEME,
  privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
};

type SchemeRegistry = { registerSchemesAsPrivileged(schemes: CustomScheme[]): void };
type SchemeHandlers = { handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void };

/** Must run before `app` is ready: Chromium fixes scheme privileges at start-up. */
export const registerEvidenceScheme = (protocol: SchemeRegistry): void => {
  protocol.registerSchemesAsPrivileged([EVIDENCE_SCHEME_PRIVILEGES]);
};

// The evidence store does not exist yet, so every evidence:// request says so plainly instead of
// pretending with an empty or placeholder file.
export const answerEvidenceRequest = (_request: Request): Response =>
  new Response('Evidence viewer is not available yet', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

export const handleEvidenceProtocol = (protocol: SchemeHandlers): void => {
  protocol.handle(EVIDENCE_SCHEME, answerEvidenceRequest);
};

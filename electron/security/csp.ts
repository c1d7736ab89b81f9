/**
 * The renderer's Content Security Policy, the same in Electron and in the browser host:
 * nothing remote (the app works with no network at all, and a compromised page cannot phone
 * home), no plugins, no framing, no form posts.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

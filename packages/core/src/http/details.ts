// A flow's error reaches the browser as a redirect to the app's page. Its code is enough for
// the wording, but "check it and enter it again" helps more with the reason. Free text in a
// URL would let anyone put words on the app's page, so only these fixed shapes travel.
const SAFE_DETAILS = [
  /^the (token|token id|token value|API key|refresh token) (is empty|has leading or trailing whitespace|contains smart quotes|contains spaces, line breaks or non-ASCII characters)$/,
  /^the field "(tokenId|tokenValue|key|token|refreshToken|kind|connection|label)" is required$/,
  /^the field "expiresAt" must be a date$/,
  /^it was refused( \(HTTP \d{3}\))?$/,
];

/** The detail if it has one of the fixed, harmless shapes; else undefined. */
export function safeDetail(detail: string | null | undefined): string | undefined {
  if (detail === null || detail === undefined || detail.length > 120) return undefined;
  return SAFE_DETAILS.some((pattern) => pattern.test(detail)) ? detail : undefined;
}

/**
 * The webhook URL is a bearer secret: whoever has it can post to the channel. Anything that might quote it (an error
 * message from fetch, a response body) goes through `redactWebhook` before it reaches a log, an error or a result.
 */
const SLACK_HOOK_URL = /https?:\/\/hooks\.slack(?:-gov)?\.com\/[^\s"'<>]*/gi;

export const REDACTED = "[redacted webhook]";

export function redactWebhook(text: string, webhookUrl?: string): string {
  let out = text;
  if (webhookUrl) {
    out = out.split(webhookUrl).join(REDACTED);
    // fetch sometimes reports only the path (or a normalised URL); the path holds the secret part.
    try {
      const path = new URL(webhookUrl).pathname;
      if (path.length > 1) out = out.split(path).join(REDACTED);
    } catch {
      // not a URL: the whole-string replacement above is all we can do
    }
  }
  return out.replace(SLACK_HOOK_URL, REDACTED);
}

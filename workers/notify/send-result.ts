/** One attempt to hand a message to a provider (Telegram, an SMS gateway). */
export interface SendOutcome {
  ok: boolean;
  /** The provider's id of the message (Telegram message_id, Exolve message_id). */
  messageId: string | null;
  error: string | null;
  /** Retrying cannot help (bad token, unknown chat, blocked bot, invalid number). */
  permanent: boolean;
  /** The provider asked to wait this long before the next try (Telegram 429 `retry_after`). */
  retryAfterSeconds?: number;
}

export const SEND_TIMEOUT_MS = 10_000;

/** A POST with a JSON body; network failures and timeouts become a retryable outcome instead of throwing. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ res: Response; json: unknown } | SendOutcome> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { raw: text.slice(0, 200) };
    }
    return { res, json };
  } catch (err) {
    const error = err instanceof Error && err.name === 'TimeoutError' ? `timeout after ${SEND_TIMEOUT_MS} ms` : `network error: ${String(err)}`;
    return { ok: false, messageId: null, error, permanent: false };
  }
}

/** Statuses worth another try: rate limits, timeouts and server errors. */
export const retryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;

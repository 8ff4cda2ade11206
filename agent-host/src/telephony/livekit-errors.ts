import { ProviderError, messageOf, providerErrorFromStatus, statusOf, toProviderError } from '../providers/errors.ts';

/** The Twirp error fields livekit-server-sdk puts on its `TwirpError` (status, Twirp `code`, `msg`). */
interface TwirpLike {
  status?: number;
  code?: string;
  message?: string;
}

const TWIRP_STATUS: Readonly<Record<string, number>> = {
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  already_exists: 409,
  invalid_argument: 400,
  resource_exhausted: 429,
  unavailable: 503,
  internal: 500,
};

/** HTTP status of a LiveKit server error (from the response, else from the Twirp code). */
export function livekitStatus(error: unknown): number | undefined {
  const status = statusOf(error);
  if (status !== undefined) return status;
  const code = (error as TwirpLike | null)?.code;
  return code ? TWIRP_STATUS[code] : undefined;
}

/**
 * Classify a LiveKit server API failure. A rejected token (Twirp `unauthenticated`, 401) is a fatal
 * configuration error naming the env variables to fix; a missing grant (403) is fatal too; 429/5xx and
 * network errors are retryable.
 *
 * @example toLivekitError(err, 'creating the inbound trunk for +74951234567').message
 *   // "LiveKit rejected the API credentials (401 unauthenticated) while creating … — check LIVEKIT_API_KEY and LIVEKIT_API_SECRET"
 */
export function toLivekitError(error: unknown, action: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const status = livekitStatus(error);
  const detail = messageOf(error);
  if (status === 401) {
    return new ProviderError(
      `LiveKit rejected the API credentials (401 unauthenticated) while ${action} — check LIVEKIT_API_KEY and LIVEKIT_API_SECRET (and that LIVEKIT_URL is this project's server): ${detail}`,
      { provider: 'livekit', kind: 'telephony', status, retryable: false, fatal: true, cause: error },
    );
  }
  if (status === 403) {
    return new ProviderError(
      `LiveKit refused ${action} (403 permission denied): the API key lacks the grant for it — ${detail}`,
      { provider: 'livekit', kind: 'telephony', status, retryable: false, fatal: true, cause: error },
    );
  }
  if (status !== undefined) {
    const e = providerErrorFromStatus('livekit', 'telephony', status, `${action}: ${detail}`);
    return new ProviderError(e.message, { provider: 'livekit', kind: 'telephony', status, retryable: e.retryable, fatal: false, cause: error });
  }
  return toProviderError('livekit', 'telephony', error);
}

import { credentials, status as GrpcStatus, type ChannelCredentials, type ServiceError } from '@grpc/grpc-js';
import { APIConnectionError, APIStatusError } from '@livekit/agents';
import { ProviderError, type ProviderKind } from './errors.ts';

/** Where a gRPC provider lives: `host:port` for the channel and whether to use TLS. */
export interface GrpcEndpoint {
  address: string;
  secure: boolean;
}

/**
 * Parse a gRPC endpoint setting: `host:port` or `https://host[:port]` → TLS (port 443 by default);
 * `http://host:port` or `grpc://host:port` → plaintext (a local gateway or the protocol-server tests).
 *
 * @example grpcEndpoint('stt.api.cloud.yandex.net:443') // { address: 'stt.api.cloud.yandex.net:443', secure: true }
 */
export function grpcEndpoint(value: string): GrpcEndpoint {
  const m = /^(https?|grpcs?):\/\/([^/]+)\/?$/.exec(value.trim());
  if (!m) return { address: value.includes(':') ? value.trim() : `${value.trim()}:443`, secure: true };
  const secure = m[1] === 'https' || m[1] === 'grpcs';
  const hostPort = m[2] ?? '';
  return { address: hostPort.includes(':') ? hostPort : `${hostPort}:${secure ? 443 : 80}`, secure };
}

const clients = new Map<string, unknown>();

/**
 * One gRPC client per service and endpoint for the whole process: every call reuses its HTTP/2 connection, so the
 * first audio of a call does not wait for a TCP + TLS handshake. Shared clients are never closed by one call.
 */
export function sharedClient<T>(service: string, endpoint: string, make: (e: GrpcEndpoint) => T): T {
  const key = `${service}\n${endpoint}`;
  let client = clients.get(key) as T | undefined;
  if (!client) {
    client = make(grpcEndpoint(endpoint));
    clients.set(key, client);
  }
  return client;
}

/** Channel credentials for an endpoint (system roots for TLS; NODE_EXTRA_CA_CERTS adds e.g. the Russian NCA root). */
export function channelCredentials(endpoint: GrpcEndpoint): ChannelCredentials {
  return endpoint.secure ? credentials.createSsl() : credentials.createInsecure();
}

/** True for a grpc-js call error (has a numeric `code`). */
export function isServiceError(error: unknown): error is ServiceError {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number' && 'details' in error;
}

/** What a provider's credentials are called, for messages that say what to fix. */
export interface CredentialHint {
  provider: string;
  kind: ProviderKind;
  /** Env keys behind the credentials, e.g. `YANDEX_API_KEY or YANDEX_IAM_TOKEN`. */
  envKeys: string;
}

/**
 * Classify a gRPC failure the way {@link providerErrorFromStatus} classifies HTTP ones:
 * UNAUTHENTICATED → fatal ProviderError naming the env key; PERMISSION_DENIED → fatal (folder/role/region);
 * UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, INTERNAL, ABORTED → retryable APIConnectionError
 * (LiveKit retries or falls through to the next provider); anything else → non-retryable APIStatusError.
 */
export function grpcFailure(error: unknown, hint: CredentialHint): Error {
  if (error instanceof ProviderError || !isServiceError(error)) {
    return error instanceof Error ? error : new APIConnectionError({ message: String(error) });
  }
  const what = `${hint.provider} ${hint.kind}`;
  const detail = error.details ? `: ${error.details}` : '';
  switch (error.code) {
    case GrpcStatus.UNAUTHENTICATED:
      return new ProviderError(`${hint.envKeys} rejected (gRPC UNAUTHENTICATED) by ${what} — check the key in the environment${detail}`, {
        provider: hint.provider,
        kind: hint.kind,
        status: 401,
        retryable: false,
        fatal: true,
        cause: error,
      });
    case GrpcStatus.PERMISSION_DENIED:
      return new ProviderError(`${what} refused access (gRPC PERMISSION_DENIED — check the folder id and the key's roles)${detail}`, {
        provider: hint.provider,
        kind: hint.kind,
        status: 403,
        retryable: false,
        fatal: true,
        cause: error,
      });
    case GrpcStatus.UNAVAILABLE:
    case GrpcStatus.DEADLINE_EXCEEDED:
    case GrpcStatus.RESOURCE_EXHAUSTED:
    case GrpcStatus.INTERNAL:
    case GrpcStatus.ABORTED:
      return new APIConnectionError({ message: `${what} failed (gRPC ${GrpcStatus[error.code]})${detail}`, options: { retryable: true } });
    default:
      return new APIStatusError({
        message: `${what} failed (gRPC ${GrpcStatus[error.code] ?? error.code})${detail}`,
        options: { statusCode: 400, retryable: false },
      });
  }
}

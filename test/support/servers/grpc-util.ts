import { Server, ServerCredentials, status, type ServiceDefinition, type UntypedServiceImplementation } from '@grpc/grpc-js';

/** A local gRPC server on 127.0.0.1 and a random port. */
export interface LocalGrpcServer {
  port: number;
  /** `http://127.0.0.1:<port>`: a plaintext endpoint for the provider's `*_ENDPOINT` setting. */
  endpoint: string;
  close(): Promise<void>;
}

/** Start grpc-js with the given services (plaintext, loopback only). */
export async function startGrpcServer(
  services: { definition: ServiceDefinition; implementation: UntypedServiceImplementation }[],
): Promise<LocalGrpcServer> {
  const server = new Server();
  for (const s of services) server.addService(s.definition, s.implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    port,
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.forceShutdown();
        resolve();
      }),
  };
}

/** The status a gRPC service answers with when it refuses or fails a call. */
export function grpcError(code: number, details: string): Error & { code: number; details: string } {
  return Object.assign(new Error(details), { code, details });
}

/** What every recorded call of a SpeechKit-like server keeps: the metadata it came with, and whether it was cancelled. */
export interface RecordedCall {
  authorization: string | undefined;
  cancelled: boolean;
}

/**
 * The common start of a call on an API-key server: records it, notes a client cancel, refuses a wrong
 * `authorization` with UNAUTHENTICATED, and picks the call's scripted behaviour (by call number; the last one
 * repeats). Null when the call was refused.
 */
export function admitCall<C extends RecordedCall, B extends string>(
  call: { on(event: 'cancelled', fn: () => void): unknown; emit(event: 'error', err: Error): unknown },
  rec: C,
  calls: C[],
  opts: { authorization: string; behaviours?: B[] },
  fallback: B,
): B | null {
  calls.push(rec);
  call.on('cancelled', () => (rec.cancelled = true));
  if (rec.authorization !== opts.authorization) {
    call.emit('error', grpcError(status.UNAUTHENTICATED, 'Unknown api key or the IAM token is invalid'));
    return null;
  }
  const behaviours = opts.behaviours ?? [fallback];
  return behaviours[Math.min(calls.length - 1, behaviours.length - 1)] ?? fallback;
}

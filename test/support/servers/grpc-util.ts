import { Server, ServerCredentials, type ServiceDefinition, type UntypedServiceImplementation } from '@grpc/grpc-js';

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

import type { ServiceDefinition } from '@grpc/grpc-js';
import { decode, encode, type Decoded, type Schema } from './wire.ts';

/** One RPC of an official service: its request/response messages and which sides stream. */
export interface OfficialMethod {
  request: string;
  response: string;
  requestStream: boolean;
  responseStream: boolean;
}

/**
 * A grpc-js service definition whose path (`/package.Service/Method`) and (de)serializers come from an official
 * schema table, so a local server reads a client's bytes the way the vendor's server would. A client calling
 * another path gets UNIMPLEMENTED; a field the official schema lacks fails the call's decoding.
 */
export function officialService(schema: Schema, service: string, methods: Record<string, OfficialMethod>): ServiceDefinition {
  const def: Record<string, unknown> = {};
  for (const [name, m] of Object.entries(methods)) {
    def[name] = {
      path: `/${service}/${name}`,
      originalName: name,
      requestStream: m.requestStream,
      responseStream: m.responseStream,
      requestSerialize: (v: Decoded) => encode(schema, m.request, v),
      requestDeserialize: (b: Buffer) => decode(schema, m.request, b),
      responseSerialize: (v: Decoded) => encode(schema, m.response, v),
      responseDeserialize: (b: Buffer) => decode(schema, m.response, b),
    };
  }
  return def as unknown as ServiceDefinition;
}

/** `google.protobuf.Duration` as every schema here uses it. */
export const DURATION = { 1: ['seconds', 'int64'], 2: ['nanos', 'int32'] } as const;

/** Milliseconds of a decoded Duration (absent fields are proto3 zeros). */
export const durationMs = (d: unknown): number => {
  const v = (d ?? {}) as { seconds?: number; nanos?: number };
  return (v.seconds ?? 0) * 1000 + (v.nanos ?? 0) / 1e6;
};

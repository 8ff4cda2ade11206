import { ProviderError } from '../providers/errors.ts';
import type { TelephonyProvider } from '../providers/types.ts';
import { ExolveTelephony, sipHostOf } from './exolve.ts';
import { LivekitSip } from './livekit-sip.ts';
import { LivekitSipTelephony } from './livekit-telephony.ts';
import { TwilioTelephony } from './twilio.ts';
import { DEFAULT_AGENT_NAME } from '../../../core/agent-name.ts';

export { ExolveApi, exolveNumberCode } from './exolve-api.ts';
export { ExolveTelephony, sipHostOf } from './exolve.ts';
export { toLivekitError } from './livekit-errors.ts';
export { LivekitSip, botMetadata, sipIdentityFor, type InboundNumber, type OutboundCall, type ProvisionedNumber } from './livekit-sip.ts';
export { LivekitSipTelephony } from './livekit-telephony.ts';
export { TwilioTelephony, twimlDialLivekit } from './twilio.ts';
export { twilioSignature, verifyTwilioSignature } from './twilio-signature.ts';

/** Phone providers a bot's numbers can use (the `provider` column of `phone_numbers`). */
export type TelephonyName = 'livekit' | 'exolve' | 'twilio';

/** Env read by {@link createTelephony}. */
export type TelephonyEnv = Readonly<Record<string, string | undefined>>;


const NEEDS: Readonly<Record<TelephonyName, readonly string[]>> = {
  livekit: ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'],
  exolve: ['EXOLVE_API_KEY', 'LIVEKIT_SIP_URI', 'LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'],
  twilio: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'LIVEKIT_SIP_URI'],
};

function required(name: TelephonyName, env: TelephonyEnv): Record<string, string> {
  const missing = NEEDS[name].filter((k) => !env[k]?.trim());
  if (missing.length > 0) {
    throw new ProviderError(`${name} telephony is not configured: set ${missing.join(', ')}`, {
      provider: name,
      kind: 'telephony',
      retryable: false,
      fatal: true,
    });
  }
  return Object.fromEntries(NEEDS[name].map((k) => [k, env[k]!.trim()]));
}

/** LiveKit SIP administration from env (LIVEKIT_URL/API_KEY/API_SECRET, AGENT_NAME). */
export function livekitSipFromEnv(env: TelephonyEnv): LivekitSip {
  const v = required('livekit', env);
  return new LivekitSip({
    url: v.LIVEKIT_URL!,
    apiKey: v.LIVEKIT_API_KEY!,
    apiSecret: v.LIVEKIT_API_SECRET!,
    agentName: env.AGENT_NAME?.trim() || DEFAULT_AGENT_NAME,
  });
}

/**
 * The telephony provider for a number's `provider`, configured from env; a missing variable is a fatal
 * config error that names every variable to set.
 *
 * @example createTelephony('exolve', process.env).hangup('sip_+79161234567')
 */
export function createTelephony(name: TelephonyName, env: TelephonyEnv): TelephonyProvider {
  const v = required(name, env);
  switch (name) {
    case 'livekit':
      return new LivekitSipTelephony(livekitSipFromEnv(env));
    case 'exolve': {
      const resource = Number(env.EXOLVE_CALLBACK_RESOURCE_ID);
      return new ExolveTelephony(
        {
          apiKey: v.EXOLVE_API_KEY!,
          livekitSipHost: sipHostOf(v.LIVEKIT_SIP_URI!),
          ...(env.EXOLVE_BASE_URL ? { baseUrl: env.EXOLVE_BASE_URL } : {}),
          ...(Number.isInteger(resource) && resource > 0 ? { callbackResourceId: resource } : {}),
        },
        livekitSipFromEnv(env),
      );
    }
    case 'twilio':
      return new TwilioTelephony({
        accountSid: v.TWILIO_ACCOUNT_SID!,
        authToken: v.TWILIO_AUTH_TOKEN!,
        livekitSipHost: sipHostOf(v.LIVEKIT_SIP_URI!),
        ...(env.TWILIO_BASE_URL ? { baseUrl: env.TWILIO_BASE_URL } : {}),
      });
  }
}

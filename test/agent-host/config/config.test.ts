import { describe, expect, it } from 'vitest';
import { ConfigError, hasLiveKitCredentials, loadAgentHostEnv } from '../../../agent-host/src/config.ts';

const FULL = {
  LIVEKIT_URL: 'wss://voicebot.livekit.cloud',
  LIVEKIT_API_KEY: 'APIxxxx',
  LIVEKIT_API_SECRET: 'secret',
  API_BASE_URL: 'http://127.0.0.1:8787',
  AGENT_HOST_TOKEN: 'agent-token',
  DEEPGRAM_API_KEY: 'dg',
  CARTESIA_API_KEY: 'ca',
};

describe('agent-host env', () => {
  it('accepts a complete env and fills defaults', () => {
    const env = loadAgentHostEnv({ ...FULL, OLLAMA_URL: 'http://gpu-box:11434', OLLAMA_MODEL: 'qwen2.5:7b-instruct' });
    expect(env).toMatchObject({ AGENT_NAME: 'voicebot-agent', SPOOL_DIR: '.spool', OLLAMA_KEEP_ALIVE: '30m', LLM_FIRST_TOKEN_TIMEOUT_MS: 1200 });
    expect(env.GROQ_API_KEY).toBeUndefined();
  });

  it('names every missing variable with what it is for, empty strings included', () => {
    const err = (() => {
      try {
        loadAgentHostEnv({ ...FULL, LIVEKIT_URL: undefined, AGENT_HOST_TOKEN: '  ', CARTESIA_API_KEY: undefined });
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.problems).toHaveLength(3);
    expect(err.message).toContain('LIVEKIT_URL is not set — LiveKit server URL');
    expect(err.message).toContain('AGENT_HOST_TOKEN is not set');
    expect(err.message).toContain('CARTESIA_API_KEY is not set');
  });

  it('requires OLLAMA_MODEL once OLLAMA_URL is set, and rejects a malformed URL', () => {
    expect(() => loadAgentHostEnv({ ...FULL, OLLAMA_URL: 'http://gpu-box:11434' })).toThrow(/OLLAMA_MODEL is not set/);
    expect(() => loadAgentHostEnv({ ...FULL, API_BASE_URL: 'localhost' })).toThrow(/API_BASE_URL must be a URL/);
  });

  it('tells npm start whether the LiveKit worker can run', () => {
    expect(hasLiveKitCredentials(FULL)).toBe(true);
    expect(hasLiveKitCredentials({ ...FULL, LIVEKIT_API_SECRET: '' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { providerErrorFromStatus } from '../../../agent-host/src/providers/errors.ts';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { MetricsRegistry } from '../../../agent-host/src/ops/metrics.ts';
import { startOpsServer } from '../../../agent-host/src/ops/server.ts';

describe('ops HTTP server', () => {
  it('GET /providers/health shows cooling and unavailable providers; GET /metrics is Prometheus text', async () => {
    let now = 1_000;
    const health = new ProviderHealth({ coolDownMs: 30_000, now: () => now });
    health.markSuccess('stt:deepgram');
    health.markFailure('tts:cartesia', providerErrorFromStatus('cartesia', 'tts', 503));
    health.markFailure('llm:groq', providerErrorFromStatus('groq', 'llm', 403, 'Forbidden'));
    const metrics = new MetricsRegistry();
    metrics.callStarted();
    metrics.callStarted();
    metrics.callEnded();
    metrics.observeTurn(420, 'scenario');
    metrics.observeTurn(1800, 'llm');
    metrics.providerError('tts', 'cartesia');
    const ops = await startOpsServer({ health, metrics });
    try {
      const body = (await (await fetch(`${ops.url}/providers/health`)).json()) as { status: string; providers: Record<string, { status: string }> };
      expect(body.status).toBe('degraded');
      expect(body.providers['stt:deepgram']?.status).toBe('ok');
      expect(body.providers['tts:cartesia']).toMatchObject({ status: 'cooling_down', until: 31_000 });
      expect(body.providers['llm:groq']?.status).toBe('unavailable');
      now = 40_000;
      const later = (await (await fetch(`${ops.url}/providers/health`)).json()) as typeof body;
      expect(later.providers['tts:cartesia']?.status).toBe('ok');
      expect(later.providers['llm:groq']?.status).toBe('unavailable');

      const text = await (await fetch(`${ops.url}/metrics`)).text();
      expect(text).toContain('voicebot_active_calls 1');
      expect(text).toContain('voicebot_turn_latency_ms_bucket{source="scenario",le="500"} 1');
      expect(text).toContain('voicebot_turn_latency_ms_bucket{source="llm",le="1500"} 0');
      expect(text).toContain('voicebot_turn_latency_ms_count{source="llm"} 1');
      expect(text).toContain('voicebot_provider_errors_total{kind="tts",name="cartesia"} 1');
    } finally {
      await ops.close();
    }
  });

  it('classifies provider HTTP statuses: 401 names the key, 403 is unavailable, 429/5xx retry', () => {
    expect(providerErrorFromStatus('deepgram', 'stt', 401).message).toMatch(/^DEEPGRAM_API_KEY rejected \(401\)/);
    expect(providerErrorFromStatus('groq', 'llm', 403)).toMatchObject({ fatal: true, retryable: false });
    expect(providerErrorFromStatus('cartesia', 'tts', 429)).toMatchObject({ fatal: false, retryable: true });
    expect(providerErrorFromStatus('elevenlabs', 'tts', 502)).toMatchObject({ fatal: false, retryable: true });
  });
});
